package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionFunnelCountsCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/** Deterministic coder for {@link SessionFunnelDelta}. */
public final class SessionFunnelDeltaCoder extends AtomicCoder<SessionFunnelDelta> {
  private static final SessionFunnelDeltaCoder INSTANCE = new SessionFunnelDeltaCoder();
  private static final NullableCoder<String> BRAND = NullableCoder.of(StringUtf8Coder.of());
  private static final VarLongCoder LONG = VarLongCoder.of();

  private SessionFunnelDeltaCoder() {}

  public static SessionFunnelDeltaCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionFunnelDelta value, OutputStream out) throws IOException {
    BRAND.encode(value.brand(), out);
    LONG.encode(value.windowStartMillis(), out);
    SessionFunnelCountsCoder.of().encode(value.change(), out);
    LONG.encode(value.openUntilMillis(), out);
    LONG.encode(value.clockMillis(), out);
    VarIntCoder.of().encode(value.timing().ordinal(), out);
  }

  @Override
  public SessionFunnelDelta decode(InputStream in) throws IOException {
    return new SessionFunnelDelta(BRAND.decode(in), LONG.decode(in), SessionFunnelCountsCoder.of().decode(in),
        LONG.decode(in), LONG.decode(in), PaneInfo.Timing.values()[VarIntCoder.of().decode(in)]);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
