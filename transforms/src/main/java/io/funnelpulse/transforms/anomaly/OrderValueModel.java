package io.funnelpulse.transforms.anomaly;

/**
 * Revenue as money: purchases times order values. How many purchases there were is the purchases
 * metric's question; revenue is judged given its purchases, on the log of the window's mean order
 * value. Order values are log-normal (prices are multiplicative: a brand sells items at a few euros
 * and at a few hundred), so the log of the mean of {@code n} of them is close to normal, of mean
 * {@code μ} and variance {@code τ²/n}, both learned from the brand's recent hours ({@code τ²} weighted
 * by their purchases, inflated by {@code 1 + n/N} for the uncertainty of {@code μ} over {@code N} past
 * orders). A change of order values by {@code θ} shifts {@code μ} by {@code ln θ}; the evidence of a
 * window is the log-likelihood ratio of that shift under a Student-t of scale {@code τ/√n} for
 * {@code ℓ}, the window's log mean order value, with {@code 2 + n} degrees of freedom. The heavy tails
 * of a window with few orders are the point: a brand that mostly sells one cheap item sometimes
 * sells its expensive one, and such a window must not count as overwhelming evidence (under the t a
 * window's evidence is bounded, so an odd window or two stay quiet while a shift of order values
 * lasting hours accumulates); the mean of many orders is close to normal, and a window of forty
 * orders at a tenth of their usual value is strong evidence on its own.
 */
final class OrderValueModel {
  /** Smallest per-order variance of log order values used: order values are never all alike. */
  static final double MIN_LOG_VARIANCE = 0.01;
  /** Degrees of freedom of the Student-t of the log mean order value, besides one per order. */
  static final double BASE_DEGREES_OF_FREEDOM = 2;

  private final double meanValueCents;
  private final double meanLog;
  private final double logVariance;
  private final long orders;

  private OrderValueModel(double meanValueCents, double meanLog, double logVariance, long orders) {
    this.meanValueCents = meanValueCents;
    this.meanLog = meanLog;
    this.logVariance = logVariance;
    this.orders = orders;
  }

  /** Learned from past windows' revenue (cents) and purchases. */
  static OrderValueModel learn(long[] revenueCents, long[] purchases) {
    long totalRevenue = 0;
    long totalOrders = 0;
    double logSum = 0;
    int windows = 0;
    for (int i = 0; i < purchases.length; i++) {
      if (purchases[i] > 0 && revenueCents[i] > 0) {
        totalRevenue += revenueCents[i];
        totalOrders += purchases[i];
        logSum += purchases[i] * Math.log(revenueCents[i] / (double) purchases[i]);
        windows++;
      }
    }
    if (totalOrders == 0) {
      return new OrderValueModel(0, 0, 1, 0);
    }
    double meanLog = logSum / totalOrders;
    double squares = 0;
    for (int i = 0; i < purchases.length; i++) {
      if (purchases[i] > 0 && revenueCents[i] > 0) {
        double deviation = Math.log(revenueCents[i] / (double) purchases[i]) - meanLog;
        squares += purchases[i] * deviation * deviation;
      }
    }
    double variance = windows > 1 ? squares / (windows - 1) : 1;
    return new OrderValueModel(totalRevenue / (double) totalOrders, meanLog, Math.max(MIN_LOG_VARIANCE, variance),
        totalOrders);
  }

  double meanValueCents() {
    return meanValueCents;
  }

  double logVariance() {
    return logVariance;
  }

  /** Evidence of the window's revenue given its purchases; values and amounts in currency units. */
  WindowEvidence judge(long revenueCents, long purchases, double[] dropFactors, double[] spikeFactors) {
    double expected = purchases * meanValueCents / 100;
    double observed = revenueCents / 100.0;
    if (purchases == 0 || orders == 0 || revenueCents <= 0) {
      return WindowEvidence.none(observed, expected, observed, expected);
    }
    double scale2 = logVariance * (1 + purchases / (double) orders) / purchases;
    double deviation = Math.log(revenueCents / (double) purchases) - meanLog;
    double nu = BASE_DEGREES_OF_FREEDOM + purchases;
    return new WindowEvidence(observed, expected, observed, expected,
        WindowEvidence.mixture(f -> shifted(scale2, nu, deviation, f), dropFactors),
        WindowEvidence.mixture(f -> shifted(scale2, nu, deviation, f), spikeFactors));
  }

  /** Student-t {@code log f(d − ln θ) − log f(d)}, squared scale {@code scale2}, {@code nu} degrees of freedom. */
  static double shifted(double scale2, double nu, double deviation, double factor) {
    double shift = Math.log(factor);
    double away = deviation - shift;
    return -(nu + 1) / 2 * (Math.log1p(away * away / (nu * scale2)) - Math.log1p(deviation * deviation / (nu * scale2)));
  }
}
