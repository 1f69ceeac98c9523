package io.funnelpulse.transforms.anomaly;

/**
 * A rate judged on its counts: carts out of views, purchases out of carts. Given the window's two
 * counts {@code a} (carts) and {@code b} (views), {@code a} out of {@code a + b} is binomial with
 * {@code q = ρ / (1 + ρ)}, {@code ρ} the usual ratio a/b (the conditional test of two Poisson rates;
 * it needs no {@code a ≤ b}, and whole-day swings of traffic cancel out). The share expected is the
 * baseline days' pooled share, shrunk by one day's weight toward the brand's share over all its
 * recent windows (an hour with few events borrows from the rest of the day). The brand's own
 * over-dispersion of that share, beta-binomial intra-window correlation {@code c} (method of moments
 * over its recent hours), and the uncertainty of {@code ρ} learned from the baseline's {@code N}
 * events inflate the variance by {@code 1 + (n − 1)c + n/N}; the binomial log-likelihood ratio of a
 * ratio shifted by {@code θ} is divided by that factor (a quasi-likelihood with the beta-binomial's
 * variance).
 */
final class RateModel {
  private RateModel() {}

  /**
   * Beta-binomial intra-window correlation of the share {@code a/(a + b)}, pooled over groups (one hour
   * of day over several days, {@code a[g][i]} and {@code b[g][i]}); never negative.
   */
  static double overDispersion(long[][] a, long[][] b) {
    double excess = 0;
    double scale = 0;
    for (int g = 0; g < a.length; g++) {
      long sumA = 0;
      long sumN = 0;
      for (int i = 0; i < a[g].length; i++) {
        sumA += a[g][i];
        sumN += a[g][i] + b[g][i];
      }
      if (sumA == 0 || sumA == sumN) {
        continue;
      }
      double q = sumA / (double) sumN;
      for (int i = 0; i < a[g].length; i++) {
        long n = a[g][i] + b[g][i];
        if (n < 2) {
          continue;
        }
        double binomial = n * q * (1 - q);
        double deviation = a[g][i] - n * q;
        excess += deviation * deviation - binomial;
        scale += binomial * (n - 1);
      }
    }
    return scale > 0 ? Math.max(0, excess / scale) : 0;
  }

  /** The share {@code a/(a + b)} over all of {@code a} and {@code b}, with half an event of prior each. */
  static double overallShare(long[][] a, long[][] b) {
    long sumA = 0;
    long sumN = 0;
    for (int g = 0; g < a.length; g++) {
      for (int i = 0; i < a[g].length; i++) {
        sumA += a[g][i];
        sumN += a[g][i] + b[g][i];
      }
    }
    return (sumA + CountModel.PRIOR_EVENTS) / (sumN + 2 * CountModel.PRIOR_EVENTS);
  }

  /**
   * The evidence of the window's counts {@code a} and {@code b} against the baseline days' counts.
   * Observed and expected values are the ratio a/b; the amounts are {@code a} and the {@code a}
   * expected for the window's {@code b}.
   */
  static WindowEvidence judge(long a, long b, long[] baseA, long[] baseB, double overallShare, double correlation,
      double[] dropFactors, double[] spikeFactors) {
    long sumA = 0;
    long sumB = 0;
    for (int i = 0; i < baseA.length; i++) {
      sumA += baseA[i];
      sumB += baseB[i];
    }
    double dayWeight = (sumA + sumB) / (double) Math.max(1, baseA.length);
    double q = sumA + sumB == 0 ? overallShare : (sumA + dayWeight * overallShare) / (sumA + sumB + dayWeight);
    double ratio = q / (1 - q);
    double observedRatio = b > 0 ? a / (double) b : 0;
    long n = a + b;
    if (n == 0) {
      return WindowEvidence.none(observedRatio, ratio, a, b * ratio);
    }
    double inflation = 1 + (n - 1) * correlation + n / (sumA + sumB + 1.0);
    return new WindowEvidence(observedRatio, ratio, a, b * ratio,
        WindowEvidence.mixture(f -> logLikelihoodRatio(a, b, q, f) / inflation, dropFactors),
        WindowEvidence.mixture(f -> logLikelihoodRatio(a, b, q, f) / inflation, spikeFactors));
  }

  /** Binomial {@code log L(q') − log L(q)} of {@code a} out of {@code a + b}, q' the share of a ratio θ times as high. */
  static double logLikelihoodRatio(long a, long b, double q, double factor) {
    double shifted = factor * q / (1 - q + factor * q);
    return a * Math.log(shifted / q) + b * Math.log((1 - shifted) / (1 - q));
  }
}
