package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Deterministic coder for {@link FunnelRow}: the coder of the window row of funnel counts it is. */
public final class FunnelRowCoder extends AtomicCoder<FunnelRow> {
  private static final FunnelRowCoder INSTANCE = new FunnelRowCoder();
  private static final WindowRowCoder<String, FunnelCounts> ROW =
      WindowRowCoder.of(StringUtf8Coder.of(), FunnelCountsCoder.of());

  private FunnelRowCoder() {}

  public static FunnelRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FunnelRow value, OutputStream out) throws IOException {
    ROW.encode(value.asWindowRow(), out);
  }

  @Override
  public FunnelRow decode(InputStream in) throws IOException {
    return FunnelRow.of(ROW.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
