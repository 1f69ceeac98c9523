package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.FunnelCountsCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link BrandHistory}, the state of streaming detection. */
final class BrandHistoryCoder extends AtomicCoder<BrandHistory> {
  private static final BrandHistoryCoder INSTANCE = new BrandHistoryCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();

  private BrandHistoryCoder() {}

  static BrandHistoryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BrandHistory value, OutputStream out) throws IOException {
    LONG.encode(value.firstWindowStart(), out);
    LONG.encode(value.judgedThrough(), out);
    INT.encode(value.windows().size(), out);
    for (Map.Entry<Long, BrandHistory.Slot> entry : value.windows().entrySet()) {
      LONG.encode(entry.getKey(), out);
      LONG.encode(entry.getValue().paneIndex, out);
      FunnelCountsCoder.of().encode(entry.getValue().counts, out);
    }
    INT.encode(value.runs().length, out);
    for (EvidenceRun run : value.runs()) {
      DOUBLE.encode(run.level(), out);
      LONG.encode(run.startMillis(), out);
      INT.encode(run.windows(), out);
      DOUBLE.encode(run.observedTotal(), out);
      DOUBLE.encode(run.expectedTotal(), out);
      BooleanCoder.of().encode(run.open(), out);
    }
  }

  @Override
  public BrandHistory decode(InputStream in) throws IOException {
    long first = LONG.decode(in);
    long judgedThrough = LONG.decode(in);
    int size = INT.decode(in);
    TreeMap<Long, BrandHistory.Slot> windows = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      long start = LONG.decode(in);
      windows.put(start, new BrandHistory.Slot(LONG.decode(in), FunnelCountsCoder.of().decode(in)));
    }
    EvidenceRun[] runs = new EvidenceRun[INT.decode(in)];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = new EvidenceRun(DOUBLE.decode(in), LONG.decode(in), INT.decode(in), DOUBLE.decode(in),
          DOUBLE.decode(in), BooleanCoder.of().decode(in));
    }
    return BrandHistory.of(windows, first, judgedThrough, runs);
  }

  @Override
  public void verifyDeterministic() {}
}
