package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link RawRecord}. */
public final class RawRecordCoder extends AtomicCoder<RawRecord> {
  private static final RawRecordCoder INSTANCE = new RawRecordCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private RawRecordCoder() {}

  public static RawRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawRecord value, OutputStream out) throws IOException {
    STRING.encode(value.text(), out);
    STRING.encode(value.source(), out);
    LONG.encode(value.position(), out);
    FailureReason reason = value.rejectedAs();
    STRING.encode(reason == null ? "" : reason.code(), out);
    if (reason != null) {
      STRING.encode(value.rejection(), out);
    }
  }

  @Override
  public RawRecord decode(InputStream in) throws IOException {
    String text = STRING.decode(in);
    String source = STRING.decode(in);
    long position = LONG.decode(in);
    String reasonCode = STRING.decode(in);
    if (reasonCode.isEmpty()) {
      return RawRecord.of(text, source, position);
    }
    FailureReason reason = FailureReason.fromCode(reasonCode);
    String message = STRING.decode(in);
    return RawRecord.rejected(text, source, position, reason, message);
  }

  @Override
  public void verifyDeterministic() {}
}
