package io.funnelpulse.model;

import java.util.Objects;

/**
 * The session funnel of a group of sessions (an hour of their starts and a brand): how many sessions,
 * how many of them viewed, carted after viewing, purchased after carting and purchased without a
 * counted cart, and their revenue in cents. A change of a group (a session added, or replaced by its
 * newer shape) is a {@code SessionFunnelCounts} too, with negative parts for what it takes away.
 * Immutable.
 */
public final class SessionFunnelCounts {
  private static final SessionFunnelCounts ZERO = new SessionFunnelCounts(0, 0, 0, 0, 0, 0);

  private final long sessions;
  private final long viewed;
  private final long carted;
  private final long purchased;
  private final long purchasedWithoutCart;
  private final long revenueCents;

  private SessionFunnelCounts(
      long sessions, long viewed, long carted, long purchased, long purchasedWithoutCart, long revenueCents) {
    this.sessions = sessions;
    this.viewed = viewed;
    this.carted = carted;
    this.purchased = purchased;
    this.purchasedWithoutCart = purchasedWithoutCart;
    this.revenueCents = revenueCents;
  }

  /** Counts given explicitly. */
  public static SessionFunnelCounts of(
      long sessions, long viewed, long carted, long purchased, long purchasedWithoutCart, long revenueCents) {
    return new SessionFunnelCounts(sessions, viewed, carted, purchased, purchasedWithoutCart, revenueCents);
  }

  /** No sessions. */
  public static SessionFunnelCounts zero() {
    return ZERO;
  }

  /** One session's contribution for one brand. */
  public static SessionFunnelCounts ofSession(BrandSteps steps) {
    return new SessionFunnelCounts(1, steps.viewed() ? 1 : 0, steps.carted() ? 1 : 0, steps.purchased() ? 1 : 0,
        steps.purchasedWithoutCart() ? 1 : 0, steps.revenueCents());
  }

  /** These counts and {@code other} together. */
  public SessionFunnelCounts plus(SessionFunnelCounts other) {
    return new SessionFunnelCounts(sessions + other.sessions, viewed + other.viewed, carted + other.carted,
        purchased + other.purchased, purchasedWithoutCart + other.purchasedWithoutCart,
        revenueCents + other.revenueCents);
  }

  /** The counts taken away. */
  public SessionFunnelCounts negate() {
    return new SessionFunnelCounts(-sessions, -viewed, -carted, -purchased, -purchasedWithoutCart, -revenueCents);
  }

  public long sessions() {
    return sessions;
  }

  public long viewed() {
    return viewed;
  }

  public long carted() {
    return carted;
  }

  public long purchased() {
    return purchased;
  }

  public long purchasedWithoutCart() {
    return purchasedWithoutCart;
  }

  public long revenueCents() {
    return revenueCents;
  }

  /** carted / viewed; {@code null} when no session viewed. */
  public Double viewToCartRate() {
    return viewed == 0 ? null : (double) carted / viewed;
  }

  /** purchased / carted; {@code null} when no session carted. */
  public Double cartToPurchaseRate() {
    return carted == 0 ? null : (double) purchased / carted;
  }

  /** purchased / viewed; {@code null} when no session viewed. */
  public Double viewToPurchaseRate() {
    return viewed == 0 ? null : (double) purchased / viewed;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SessionFunnelCounts)) {
      return false;
    }
    SessionFunnelCounts c = (SessionFunnelCounts) o;
    return sessions == c.sessions && viewed == c.viewed && carted == c.carted && purchased == c.purchased
        && purchasedWithoutCart == c.purchasedWithoutCart && revenueCents == c.revenueCents;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessions, viewed, carted, purchased, purchasedWithoutCart, revenueCents);
  }

  @Override
  public String toString() {
    return sessions + " sessions: " + viewed + " viewed, " + carted + " carted, " + purchased + " purchased, "
        + purchasedWithoutCart + " without cart, " + revenueCents + "c";
  }
}
