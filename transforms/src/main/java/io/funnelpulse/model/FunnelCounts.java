package io.funnelpulse.model;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Funnel totals of one group: views, carts, removals, purchases and revenue (purchase prices, exact, in
 * cents), with the conversion rates derived from them. It is also the accumulator of the funnel
 * combine, which is why it has mutating {@link #add} and {@link #merge}; values handed to users are
 * never mutated afterwards.
 */
@DefaultCoder(FunnelCountsCoder.class)
public final class FunnelCounts {
  private long views;
  private long carts;
  private long removes;
  private long purchases;
  private long revenueCents;

  private FunnelCounts(long views, long carts, long removes, long purchases, long revenueCents) {
    this.views = views;
    this.carts = carts;
    this.removes = removes;
    this.purchases = purchases;
    this.revenueCents = revenueCents;
  }

  /** All zeros. */
  public static FunnelCounts empty() {
    return new FunnelCounts(0, 0, 0, 0, 0);
  }

  /** Totals given explicitly. */
  public static FunnelCounts of(long views, long carts, long removes, long purchases, long revenueCents) {
    return new FunnelCounts(views, carts, removes, purchases, revenueCents);
  }

  /** The contribution of one event: one count of its type, and its price if it is a purchase. */
  public static FunnelCounts ofEvent(EventType type, long priceCents) {
    FunnelCounts counts = empty();
    counts.add(type, priceCents);
    return counts;
  }

  /** Adds one event in place and returns {@code this}. */
  public FunnelCounts add(EventType type, long priceCents) {
    switch (type) {
      case VIEW:
        views++;
        break;
      case CART:
        carts++;
        break;
      case REMOVE_FROM_CART:
        removes++;
        break;
      case PURCHASE:
        purchases++;
        revenueCents = Math.addExact(revenueCents, priceCents);
        break;
      default:
        throw new IllegalArgumentException("Unknown event type " + type);
    }
    return this;
  }

  /** Adds {@code other} into this in place and returns {@code this}. */
  public FunnelCounts merge(FunnelCounts other) {
    views += other.views;
    carts += other.carts;
    removes += other.removes;
    purchases += other.purchases;
    revenueCents = Math.addExact(revenueCents, other.revenueCents);
    return this;
  }

  /** An independent copy. */
  public FunnelCounts copy() {
    return new FunnelCounts(views, carts, removes, purchases, revenueCents);
  }

  public long views() {
    return views;
  }

  public long carts() {
    return carts;
  }

  public long removes() {
    return removes;
  }

  public long purchases() {
    return purchases;
  }

  public long revenueCents() {
    return revenueCents;
  }

  /** carts / views, or {@code null} when there were no views. */
  public Double viewToCartRate() {
    return ratio(carts, views);
  }

  /** purchases / carts, or {@code null} when there were no carts. */
  public Double cartToPurchaseRate() {
    return ratio(purchases, carts);
  }

  /** purchases / views, or {@code null} when there were no views. */
  public Double conversionRate() {
    return ratio(purchases, views);
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / (double) denominator;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FunnelCounts)) {
      return false;
    }
    FunnelCounts that = (FunnelCounts) o;
    return views == that.views
        && carts == that.carts
        && removes == that.removes
        && purchases == that.purchases
        && revenueCents == that.revenueCents;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(views) * 31 * 31 * 31 * 31
        + Long.hashCode(carts) * 31 * 31 * 31
        + Long.hashCode(removes) * 31 * 31
        + Long.hashCode(purchases) * 31
        + Long.hashCode(revenueCents);
  }

  @Override
  public String toString() {
    return "FunnelCounts{views=" + views + ", carts=" + carts + ", removes=" + removes
        + ", purchases=" + purchases + ", revenueCents=" + revenueCents + "}";
  }
}
