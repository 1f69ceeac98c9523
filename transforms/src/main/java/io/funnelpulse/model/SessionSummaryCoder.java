package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Deterministic coder for {@link SessionSummary}: times, events and user, then each brand's steps in
 * {@link SessionSummary#brands} order (the {@code null} brand first, then text order).
 */
public final class SessionSummaryCoder extends AtomicCoder<SessionSummary> {
  private static final SessionSummaryCoder INSTANCE = new SessionSummaryCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

  private SessionSummaryCoder() {}

  public static SessionSummaryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionSummary value, OutputStream out) throws IOException {
    LONG.encode(value.startMillis(), out);
    LONG.encode(value.lastMillis(), out);
    LONG.encode(value.events(), out);
    TEXT.encode(value.userId(), out);
    List<String> brands = value.brands();
    INT.encode(brands.size(), out);
    for (String brand : brands) {
      TEXT.encode(brand, out);
      BrandSteps steps = value.steps(brand);
      LONG.encode(steps.firstViewMillis(), out);
      INT.encode(steps.cartMillis().length, out);
      for (long cart : steps.cartMillis()) {
        LONG.encode(cart, out);
      }
      LONG.encode(steps.firstPurchaseMillis(), out);
      LONG.encode(steps.lastPurchaseMillis(), out);
      LONG.encode(steps.purchases(), out);
      LONG.encode(steps.revenueCents(), out);
    }
  }

  @Override
  public SessionSummary decode(InputStream in) throws IOException {
    long start = LONG.decode(in);
    long last = LONG.decode(in);
    long events = LONG.decode(in);
    String userId = TEXT.decode(in);
    int count = INT.decode(in);
    String[] brands = new String[count];
    BrandSteps[] steps = new BrandSteps[count];
    for (int i = 0; i < count; i++) {
      brands[i] = TEXT.decode(in);
      long firstView = LONG.decode(in);
      long[] carts = new long[INT.decode(in)];
      for (int c = 0; c < carts.length; c++) {
        carts[c] = LONG.decode(in);
      }
      steps[i] = new BrandSteps(
          firstView, carts, LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in));
    }
    return new SessionSummary(start, last, events, userId, brands, steps);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
