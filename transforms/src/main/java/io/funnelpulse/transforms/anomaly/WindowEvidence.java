package io.funnelpulse.transforms.anomaly;

import java.util.function.DoubleUnaryOperator;

/**
 * What one window says about one metric: the metric's observed and expected value (as the table shows
 * them), the amounts an alert adds up over its run (counts, or money for revenue: what is missing or
 * extra), and the log-likelihood ratios of a drop and of a spike against the expectation (positive:
 * the window fits the shifted level better than the usual one). A direction weighs several shifts at
 * once (a drop to half and a drop to a tenth): its likelihood ratio is their mixture, the mean of
 * their likelihood ratios, itself the likelihood ratio of "one of these shifts" against no change.
 *
 * @param observed the metric's value in the window
 * @param expected the value expected from the brand's history
 * @param observedAmount the amount observed (events, or currency units)
 * @param expectedAmount the amount expected
 * @param dropEvidence log-likelihood ratio of a drop (by the detector's drop factors) against no change
 * @param spikeEvidence log-likelihood ratio of a spike (by the spike factors) against no change
 */
record WindowEvidence(
    double observed, double expected, double observedAmount, double expectedAmount, double dropEvidence,
    double spikeEvidence) {
  /** No evidence either way (nothing to judge in the window). */
  static WindowEvidence none(double observed, double expected, double observedAmount, double expectedAmount) {
    return new WindowEvidence(observed, expected, observedAmount, expectedAmount, 0, 0);
  }

  /** {@code log(mean(exp(llr(f))))} over {@code factors}: the mixture's log-likelihood ratio. */
  static double mixture(DoubleUnaryOperator llr, double[] factors) {
    double[] values = new double[factors.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < factors.length; i++) {
      values[i] = llr.applyAsDouble(factors[i]);
      max = Math.max(max, values[i]);
    }
    if (Double.isInfinite(max)) {
      return max;
    }
    double sum = 0;
    for (double value : values) {
      sum += Math.exp(value - max);
    }
    return max + Math.log(sum / factors.length);
  }

  /** The evidence in the given direction. */
  double evidence(boolean spike) {
    return spike ? spikeEvidence : dropEvidence;
  }
}
