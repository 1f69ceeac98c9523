package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Deterministic coder for {@link SessionSummary}: times, events and user, then each brand's steps in
 * {@link SessionSummary#brands} order (the {@code null} brand first, then text order), as one block of
 * {@link CompactBytes} with every time but the start as its distance from the start (a few bytes each).
 */
public final class SessionSummaryCoder extends AtomicCoder<SessionSummary> {
  private static final SessionSummaryCoder INSTANCE = new SessionSummaryCoder();

  private SessionSummaryCoder() {}

  public static SessionSummaryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionSummary value, OutputStream out) throws IOException {
    CompactBytes.Writer fields = new CompactBytes.Writer();
    long start = value.startMillis();
    fields.writeSignedLong(start);
    fields.writeLong(value.lastMillis() - start);
    fields.writeLong(value.events());
    fields.writeText(value.userId());
    List<String> brands = value.brands();
    fields.writeLong(brands.size());
    for (String brand : brands) {
      fields.writeText(brand);
      BrandSteps steps = value.steps(brand);
      writeTime(fields, steps.firstViewMillis(), BrandSteps.NONE_FIRST, start);
      fields.writeLong(steps.cartMillis().length);
      for (long cart : steps.cartMillis()) {
        fields.writeSignedLong(cart - start);
      }
      writeTime(fields, steps.firstPurchaseMillis(), BrandSteps.NONE_FIRST, start);
      writeTime(fields, steps.lastPurchaseMillis(), BrandSteps.NONE_LAST, start);
      fields.writeLong(steps.purchases());
      fields.writeSignedLong(steps.revenueCents());
    }
    fields.writeTo(out);
  }

  @Override
  public SessionSummary decode(InputStream in) throws IOException {
    CompactBytes.Reader fields = CompactBytes.Reader.readFrom(in);
    long start = fields.readSignedLong();
    long last = start + fields.readLong();
    long events = fields.readLong();
    String userId = fields.readText();
    int count = fields.readInt();
    String[] brands = new String[count];
    BrandSteps[] steps = new BrandSteps[count];
    for (int i = 0; i < count; i++) {
      brands[i] = fields.readText();
      long firstView = readTime(fields, BrandSteps.NONE_FIRST, start);
      long[] carts = new long[fields.readInt()];
      for (int c = 0; c < carts.length; c++) {
        carts[c] = start + fields.readSignedLong();
      }
      long firstPurchase = readTime(fields, BrandSteps.NONE_FIRST, start);
      long lastPurchase = readTime(fields, BrandSteps.NONE_LAST, start);
      steps[i] = new BrandSteps(firstView, carts, firstPurchase, lastPurchase, fields.readLong(), fields.readSignedLong());
    }
    return new SessionSummary(start, last, events, userId, brands, steps);
  }

  /** A step's time as 0 when there is none, else 1 + its distance from the session's start (either sign). */
  private static void writeTime(CompactBytes.Writer fields, long time, long none, long start) {
    fields.writeLong(time == none ? 0 : CompactBytes.zigzag(time - start) + 1);
  }

  private static long readTime(CompactBytes.Reader fields, long none, long start) throws IOException {
    long marker = fields.readLong();
    if (marker == 0) {
      return none;
    }
    return start + CompactBytes.unzigzag(marker - 1);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
