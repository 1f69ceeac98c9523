package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link Anomaly}. */
public final class AnomalyCoder extends AtomicCoder<Anomaly> {
  private static final AnomalyCoder INSTANCE = new AnomalyCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private AnomalyCoder() {}

  public static AnomalyCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Anomaly value, OutputStream out) throws IOException {
    TEXT.encode(value.metric(), out);
    TEXT.encode(value.status().name(), out);
    DOUBLE.encode(value.observed(), out);
    DOUBLE.encode(value.expected(), out);
    DOUBLE.encode(value.score(), out);
    TEXT.encode(value.severity().name(), out);
    BooleanCoder.of().encode(value.provisional(), out);
    INT.encode(value.baselineWindows(), out);
    VarLongCoder.of().encode(value.startedMillis(), out);
    INT.encode(value.runWindows(), out);
    DOUBLE.encode(value.observedTotal(), out);
    DOUBLE.encode(value.expectedTotal(), out);
  }

  @Override
  public Anomaly decode(InputStream in) throws IOException {
    return new Anomaly(TEXT.decode(in), AlertStatus.valueOf(TEXT.decode(in)), DOUBLE.decode(in), DOUBLE.decode(in),
        DOUBLE.decode(in), Severity.valueOf(TEXT.decode(in)), BooleanCoder.of().decode(in), INT.decode(in),
        VarLongCoder.of().decode(in), INT.decode(in), DOUBLE.decode(in), DOUBLE.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
