package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link SessionFunnelCounts}: six variable-length longs (negative ones too). */
public final class SessionFunnelCountsCoder extends AtomicCoder<SessionFunnelCounts> {
  private static final SessionFunnelCountsCoder INSTANCE = new SessionFunnelCountsCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private SessionFunnelCountsCoder() {}

  public static SessionFunnelCountsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionFunnelCounts value, OutputStream out) throws IOException {
    LONG.encode(value.sessions(), out);
    LONG.encode(value.viewed(), out);
    LONG.encode(value.carted(), out);
    LONG.encode(value.purchased(), out);
    LONG.encode(value.purchasedWithoutCart(), out);
    LONG.encode(value.revenueCents(), out);
  }

  @Override
  public SessionFunnelCounts decode(InputStream in) throws IOException {
    return SessionFunnelCounts.of(LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in),
        LONG.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
