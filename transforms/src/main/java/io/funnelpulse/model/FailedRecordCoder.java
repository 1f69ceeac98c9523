package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** Deterministic coder for {@link FailedRecord}. */
public final class FailedRecordCoder extends AtomicCoder<FailedRecord> {
  private static final FailedRecordCoder INSTANCE = new FailedRecordCoder();

  private FailedRecordCoder() {}

  public static FailedRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FailedRecord value, OutputStream out) throws IOException {
    RawRecordCoder.of().encode(value.raw(), out);
    VarIntCoder.of().encode(value.reason().ordinal(), out);
    StringUtf8Coder.of().encode(value.message(), out);
  }

  @Override
  public FailedRecord decode(InputStream in) throws IOException {
    RawRecord raw = RawRecordCoder.of().decode(in);
    FailureReason reason = FailureReason.values()[VarIntCoder.of().decode(in)];
    return FailedRecord.of(raw, reason, StringUtf8Coder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
