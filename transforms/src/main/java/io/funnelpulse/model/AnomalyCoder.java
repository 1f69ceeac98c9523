package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** Deterministic coder for {@link Anomaly}. */
public final class AnomalyCoder extends AtomicCoder<Anomaly> {
  private static final AnomalyCoder INSTANCE = new AnomalyCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();

  private AnomalyCoder() {}

  public static AnomalyCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Anomaly value, OutputStream out) throws IOException {
    TEXT.encode(value.metric(), out);
    DOUBLE.encode(value.observed(), out);
    DOUBLE.encode(value.expected(), out);
    DOUBLE.encode(value.score(), out);
    TEXT.encode(value.severity().name(), out);
    BooleanCoder.of().encode(value.provisional(), out);
    VarIntCoder.of().encode(value.baselineWindows(), out);
  }

  @Override
  public Anomaly decode(InputStream in) throws IOException {
    return Anomaly.of(TEXT.decode(in), DOUBLE.decode(in), DOUBLE.decode(in), DOUBLE.decode(in),
        Severity.valueOf(TEXT.decode(in)), BooleanCoder.of().decode(in), VarIntCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
