package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link FunnelRow}. */
public final class FunnelRowCoder extends AtomicCoder<FunnelRow> {
  private static final FunnelRowCoder INSTANCE = new FunnelRowCoder();
  private static final Coder<String> KEY = NullableCoder.of(StringUtf8Coder.of());
  private static final VarLongCoder LONG = VarLongCoder.of();

  private FunnelRowCoder() {}

  public static FunnelRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FunnelRow value, OutputStream out) throws IOException {
    LONG.encode(value.windowStartMillis(), out);
    LONG.encode(value.windowEndMillis(), out);
    KEY.encode(value.key(), out);
    FunnelCountsCoder.of().encode(value.counts(), out);
    StringUtf8Coder.of().encode(value.pane().timing().name(), out);
    LONG.encode(value.pane().index(), out);
    BooleanCoder.of().encode(value.pane().isFinal(), out);
  }

  @Override
  public FunnelRow decode(InputStream in) throws IOException {
    long start = LONG.decode(in);
    long end = LONG.decode(in);
    String key = KEY.decode(in);
    FunnelCounts counts = FunnelCountsCoder.of().decode(in);
    PaneFacts pane =
        PaneFacts.of(StringUtf8Coder.of().decode(in), LONG.decode(in), BooleanCoder.of().decode(in));
    return FunnelRow.of(start, end, key, counts, pane);
  }

  @Override
  public void verifyDeterministic() {}
}
