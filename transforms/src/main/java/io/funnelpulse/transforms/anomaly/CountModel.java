package io.funnelpulse.transforms.anomaly;

/**
 * Counts (views, carts, purchases) as negative binomial: the expected count is the baseline days'
 * mean, shrunk by one day's weight toward a target from the brand's other recent windows (so an
 * hour the brand never had an event in still has a small, honest expectation, not an invented one: a
 * prior that inflated quiet hours' expectations would make every empty hour look like a shortfall),
 * the variance {@code (μ + φμ²)(1 + 1/n)}: Poisson noise, the brand's own
 * over-dispersion {@code φ} (sessions come in bursts, whole days run high or low) and the uncertainty
 * of a mean of {@code n} days. With {@code φ = 0} and many days it is Poisson. The evidence of a window
 * is the log-likelihood ratio of the count under a shifted mean {@code θμ} against {@code μ} (mixed
 * over the shifts weighed, see {@link WindowEvidence}).
 *
 * <pre>{@code
 * double phi = CountModel.dispersion(valuesPerHourOfDay);
 * WindowEvidence e = CountModel.judge(0, new double[] {9, 12, 11, 14}, 4.2, phi, new double[] {0.5, 0.1},
 *     new double[] {2, 5});
 * }</pre>
 */
final class CountModel {
  /** Prior events added to a pooled sum that may be empty (Jeffreys' prior of a Poisson mean). */
  static final double PRIOR_EVENTS = 0.5;

  private CountModel() {}

  /**
   * Over-dispersion {@code φ} (method of moments, pooled): within each group (one hour of day over
   * several days) the spread beyond Poisson, {@code Σ(x − x̄)² − (n − 1)x̄}, relative to
   * {@code (n − 1)x̄²}; never negative. No data: 0, i.e. Poisson.
   */
  static double dispersion(double[][] groups) {
    double excess = 0;
    double scale = 0;
    for (double[] group : groups) {
      int n = group.length;
      if (n < 2) {
        continue;
      }
      double mean = 0;
      for (double x : group) {
        mean += x;
      }
      mean /= n;
      double squares = 0;
      for (double x : group) {
        squares += (x - mean) * (x - mean);
      }
      excess += squares - (n - 1) * mean;
      scale += (n - 1) * mean * mean;
    }
    return scale > 0 ? Math.max(0, excess / scale) : 0;
  }

  /**
   * The brand's mean count per window over {@code groups} (its recent windows), with
   * {@link #PRIOR_EVENTS} so that it is positive.
   */
  static double overallMean(double[][] groups) {
    double sum = 0;
    int windows = 0;
    for (double[] group : groups) {
      for (double x : group) {
        sum += x;
        windows++;
      }
    }
    return (sum + PRIOR_EVENTS) / (windows + 1);
  }

  /**
   * The evidence of {@code observed} against {@code baseline} (one value per day kept), shrunk toward
   * {@code target} with one day's weight.
   */
  static WindowEvidence judge(long observed, double[] baseline, double target, double dispersion,
      double[] dropFactors, double[] spikeFactors) {
    int n = baseline.length;
    double sum = target;
    for (double x : baseline) {
      sum += x;
    }
    double mean = sum / (n + 1);
    double variance = (mean + dispersion * mean * mean) * (1 + 1.0 / n);
    double size = mean * mean / (variance - mean);
    return new WindowEvidence(observed, mean, observed, mean,
        WindowEvidence.mixture(f -> logLikelihoodRatio(observed, mean, size, f), dropFactors),
        WindowEvidence.mixture(f -> logLikelihoodRatio(observed, mean, size, f), spikeFactors));
  }

  /**
   * {@code log NB(x; θμ, r) − log NB(x; μ, r)}, negative binomial of mean {@code μ} and size {@code r}
   * (variance {@code μ + μ²/r}); Poisson when {@code r} is infinite.
   */
  static double logLikelihoodRatio(long x, double mean, double size, double factor) {
    if (Double.isInfinite(size)) {
      return x * Math.log(factor) - mean * (factor - 1);
    }
    double shrink = Math.log((size + mean) / (size + factor * mean));
    return size * shrink + x * (Math.log(factor) + shrink);
  }
}
