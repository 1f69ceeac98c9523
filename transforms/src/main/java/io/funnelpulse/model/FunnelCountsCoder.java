package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link FunnelCounts}: five variable-length longs. */
public final class FunnelCountsCoder extends AtomicCoder<FunnelCounts> {
  private static final FunnelCountsCoder INSTANCE = new FunnelCountsCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private FunnelCountsCoder() {}

  public static FunnelCountsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FunnelCounts value, OutputStream out) throws IOException {
    LONG.encode(value.views(), out);
    LONG.encode(value.carts(), out);
    LONG.encode(value.removes(), out);
    LONG.encode(value.purchases(), out);
    LONG.encode(value.revenueCents(), out);
  }

  @Override
  public FunnelCounts decode(InputStream in) throws IOException {
    return FunnelCounts.of(
        LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
