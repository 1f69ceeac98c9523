package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.FunnelCountsCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link BrandHistory}, the state of streaming detection. */
final class BrandHistoryCoder extends AtomicCoder<BrandHistory> {
  private static final BrandHistoryCoder INSTANCE = new BrandHistoryCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private BrandHistoryCoder() {}

  static BrandHistoryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BrandHistory value, OutputStream out) throws IOException {
    LONG.encode(value.firstWindowStart(), out);
    VarIntCoder.of().encode(value.windows().size(), out);
    for (Map.Entry<Long, BrandHistory.Slot> entry : value.windows().entrySet()) {
      LONG.encode(entry.getKey(), out);
      LONG.encode(entry.getValue().paneIndex, out);
      BooleanCoder.of().encode(entry.getValue().judged, out);
      FunnelCountsCoder.of().encode(entry.getValue().counts, out);
    }
  }

  @Override
  public BrandHistory decode(InputStream in) throws IOException {
    long first = LONG.decode(in);
    int size = VarIntCoder.of().decode(in);
    TreeMap<Long, BrandHistory.Slot> windows = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      long start = LONG.decode(in);
      windows.put(start, new BrandHistory.Slot(LONG.decode(in), BooleanCoder.of().decode(in),
          FunnelCountsCoder.of().decode(in)));
    }
    return BrandHistory.of(windows, first);
  }

  @Override
  public void verifyDeterministic() {}
}
