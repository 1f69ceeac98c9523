package io.funnelpulse.model;

/**
 * The value of one row of the {@code sessions} table (its window is the session's, its key the brand):
 * a version of one session seen from one brand, flattened for writing.
 *
 * @param sessionKey the {@code user_session}, or {@code user:<user_id>}
 * @param userId the session's user, {@code null} if none
 * @param sessionEndMillis the session's last event
 * @param events the session's events, every brand
 * @param viewed the session viewed the brand
 * @param carted it carted the brand at or after its first view of it
 * @param purchased it purchased the brand at or after its first counted cart
 * @param purchasedWithoutCart a purchase of the brand had no counted cart at or before it
 * @param purchases purchase events of the brand
 * @param revenueCents their prices, in cents
 * @param superseded the session was merged into one that starts earlier
 */
public record SessionRow(
    String sessionKey, String userId, long sessionEndMillis, long events, boolean viewed, boolean carted,
    boolean purchased, boolean purchasedWithoutCart, long purchases, long revenueCents, boolean superseded) {
  /** The row of {@code brand} in {@code version}. */
  public static SessionRow of(SessionVersion version, String brand) {
    SessionSummary session = version.summary();
    BrandSteps steps = session.steps(brand);
    return new SessionRow(version.key(), session.userId(), session.lastMillis(), session.events(), steps.viewed(),
        steps.carted(), steps.purchased(), steps.purchasedWithoutCart(), steps.purchases(), steps.revenueCents(),
        version.superseded());
  }
}
