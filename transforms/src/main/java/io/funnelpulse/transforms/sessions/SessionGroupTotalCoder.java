package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionFunnelCountsCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link SessionGroupTotal}. */
public final class SessionGroupTotalCoder extends AtomicCoder<SessionGroupTotal> {
  private static final SessionGroupTotalCoder INSTANCE = new SessionGroupTotalCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private SessionGroupTotalCoder() {}

  public static SessionGroupTotalCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionGroupTotal value, OutputStream out) throws IOException {
    SessionFunnelCountsCoder.of().encode(value.total(), out);
    LONG.encode(value.paneIndex(), out);
    LONG.encode(value.openUntilMillis(), out);
  }

  @Override
  public SessionGroupTotal decode(InputStream in) throws IOException {
    return new SessionGroupTotal(SessionFunnelCountsCoder.of().decode(in), LONG.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
