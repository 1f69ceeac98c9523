package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link SessionRow}: texts, longs, and the five flags in one int. */
public final class SessionRowCoder extends AtomicCoder<SessionRow> {
  private static final SessionRowCoder INSTANCE = new SessionRowCoder();
  private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final VarLongCoder LONG = VarLongCoder.of();

  private SessionRowCoder() {}

  public static SessionRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionRow row, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(row.sessionKey(), out);
    TEXT.encode(row.userId(), out);
    LONG.encode(row.sessionEndMillis(), out);
    LONG.encode(row.events(), out);
    LONG.encode(row.purchases(), out);
    LONG.encode(row.revenueCents(), out);
    int flags = (row.viewed() ? 1 : 0) | (row.carted() ? 2 : 0) | (row.purchased() ? 4 : 0)
        | (row.purchasedWithoutCart() ? 8 : 0) | (row.superseded() ? 16 : 0);
    VarIntCoder.of().encode(flags, out);
  }

  @Override
  public SessionRow decode(InputStream in) throws IOException {
    String key = StringUtf8Coder.of().decode(in);
    String userId = TEXT.decode(in);
    long end = LONG.decode(in);
    long events = LONG.decode(in);
    long purchases = LONG.decode(in);
    long revenue = LONG.decode(in);
    int flags = VarIntCoder.of().decode(in);
    return new SessionRow(key, userId, end, events, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
        (flags & 8) != 0, purchases, revenue, (flags & 16) != 0);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
