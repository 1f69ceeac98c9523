package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
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
    BooleanCoder.of().encode(value.isTooLate(), out);
  }

  @Override
  public RawRecord decode(InputStream in) throws IOException {
    String text = STRING.decode(in);
    String source = STRING.decode(in);
    long position = LONG.decode(in);
    return BooleanCoder.of().decode(in)
        ? RawRecord.tooLate(text, source, position)
        : RawRecord.of(text, source, position);
  }

  @Override
  public void verifyDeterministic() {}
}
