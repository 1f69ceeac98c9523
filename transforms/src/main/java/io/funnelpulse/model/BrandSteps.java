package io.funnelpulse.model;

import java.util.Arrays;

/**
 * What one session did with one brand, kept so that two parts of a session merge exactly whatever order
 * their events arrived in: the first view, every cart's time, the first and last purchase, purchases
 * and their revenue. The steps are derived: {@code viewed} (a view), {@code carted} (a cart at or after
 * the first view), {@code purchased} (a purchase at or after the first cart counted as carted) and
 * {@code purchasedWithoutCart} (a purchase with no counted cart at or before it). Equal times count as
 * in order. Immutable.
 */
public final class BrandSteps {
  static final long NONE_FIRST = Long.MAX_VALUE;
  static final long NONE_LAST = Long.MIN_VALUE;
  private static final long[] NO_CARTS = new long[0];
  private static final BrandSteps NO_STEPS = new BrandSteps(NONE_FIRST, NO_CARTS, NONE_FIRST, NONE_LAST, 0, 0);

  private final long firstViewMillis;
  private final long[] cartMillis;
  private final long firstPurchaseMillis;
  private final long lastPurchaseMillis;
  private final long purchases;
  private final long revenueCents;

  BrandSteps(long firstViewMillis, long[] cartMillis, long firstPurchaseMillis, long lastPurchaseMillis,
      long purchases, long revenueCents) {
    this.firstViewMillis = firstViewMillis;
    this.cartMillis = cartMillis;
    this.firstPurchaseMillis = firstPurchaseMillis;
    this.lastPurchaseMillis = lastPurchaseMillis;
    this.purchases = purchases;
    this.revenueCents = revenueCents;
  }

  /** The steps of a session holding only {@code event} (a removal from the cart reaches no step). */
  public static BrandSteps of(ClickEvent event) {
    return NO_STEPS.with(event);
  }

  /** The steps of both parts of one session (their events together). */
  public BrandSteps merge(BrandSteps other) {
    long[] carts;
    if (other.cartMillis.length == 0) {
      carts = cartMillis;
    } else if (cartMillis.length == 0) {
      carts = other.cartMillis;
    } else {
      carts = Arrays.copyOf(cartMillis, cartMillis.length + other.cartMillis.length);
      System.arraycopy(other.cartMillis, 0, carts, cartMillis.length, other.cartMillis.length);
      Arrays.sort(carts);
    }
    return new BrandSteps(
        Math.min(firstViewMillis, other.firstViewMillis),
        carts,
        Math.min(firstPurchaseMillis, other.firstPurchaseMillis),
        Math.max(lastPurchaseMillis, other.lastPurchaseMillis),
        purchases + other.purchases,
        revenueCents + other.revenueCents);
  }

  /** These steps with {@code event} (of this brand) added: {@code merge(of(event))} without the extra copy. */
  public BrandSteps with(ClickEvent event) {
    long t = event.eventTimeMillis();
    switch (event.eventType()) {
      case VIEW:
        return t < firstViewMillis
            ? new BrandSteps(t, cartMillis, firstPurchaseMillis, lastPurchaseMillis, purchases, revenueCents)
            : this;
      case CART:
        long[] carts = Arrays.copyOf(cartMillis, cartMillis.length + 1);
        carts[cartMillis.length] = t;
        if (cartMillis.length > 0 && t < cartMillis[cartMillis.length - 1]) {
          Arrays.sort(carts);
        }
        return new BrandSteps(firstViewMillis, carts, firstPurchaseMillis, lastPurchaseMillis, purchases, revenueCents);
      case PURCHASE:
        return new BrandSteps(firstViewMillis, cartMillis, Math.min(firstPurchaseMillis, t),
            Math.max(lastPurchaseMillis, t), purchases + 1, revenueCents + event.priceCents());
      default:
        return this;
    }
  }

  /** Whether the session viewed the brand. */
  public boolean viewed() {
    return firstViewMillis != NONE_FIRST;
  }

  /** The first cart at or after the first view, or {@link #NONE_FIRST}. */
  private long firstCountedCart() {
    if (!viewed()) {
      return NONE_FIRST;
    }
    for (long cart : cartMillis) {
      if (cart >= firstViewMillis) {
        return cart;
      }
    }
    return NONE_FIRST;
  }

  /** Whether the session carted the brand at or after its first view of it. */
  public boolean carted() {
    return firstCountedCart() != NONE_FIRST;
  }

  /** Whether the session purchased the brand at or after the first cart counted as carted. */
  public boolean purchased() {
    long cart = firstCountedCart();
    return cart != NONE_FIRST && lastPurchaseMillis >= cart;
  }

  /** Whether a purchase of the brand had no counted cart at or before it (e.g. buy-now). */
  public boolean purchasedWithoutCart() {
    return purchases > 0 && firstPurchaseMillis < firstCountedCart();
  }

  /** Purchase events of the brand in the session. */
  public long purchases() {
    return purchases;
  }

  /** Sum of their prices, in cents. */
  public long revenueCents() {
    return revenueCents;
  }

  long firstViewMillis() {
    return firstViewMillis;
  }

  long[] cartMillis() {
    return cartMillis;
  }

  long firstPurchaseMillis() {
    return firstPurchaseMillis;
  }

  long lastPurchaseMillis() {
    return lastPurchaseMillis;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BrandSteps)) {
      return false;
    }
    BrandSteps b = (BrandSteps) o;
    return firstViewMillis == b.firstViewMillis && Arrays.equals(cartMillis, b.cartMillis)
        && firstPurchaseMillis == b.firstPurchaseMillis && lastPurchaseMillis == b.lastPurchaseMillis
        && purchases == b.purchases && revenueCents == b.revenueCents;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(firstViewMillis) * 31 + Arrays.hashCode(cartMillis) * 17 + Long.hashCode(revenueCents);
  }

  @Override
  public String toString() {
    return (viewed() ? "V" : "-") + (carted() ? "C" : "-") + (purchased() ? "P" : "-")
        + (purchasedWithoutCart() ? "!" : "") + " " + revenueCents + "c";
  }
}
