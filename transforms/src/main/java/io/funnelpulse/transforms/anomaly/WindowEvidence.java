package io.funnelpulse.transforms.anomaly;

/**
 * What one window says about one metric: the metric's observed and expected value (as the table shows
 * them), the amounts an alert adds up over its run (counts, or money for revenue: what is missing or
 * extra), and the log-likelihood ratios of a drop and of a spike against the expectation (positive:
 * the window fits the shifted level better than the usual one).
 *
 * @param observed the metric's value in the window
 * @param expected the value expected from the brand's history
 * @param observedAmount the amount observed (events, or currency units)
 * @param expectedAmount the amount expected
 * @param dropEvidence log-likelihood ratio of a drop (by the detector's drop factor) against no change
 * @param spikeEvidence log-likelihood ratio of a spike (by the spike factor) against no change
 */
record WindowEvidence(
    double observed, double expected, double observedAmount, double expectedAmount, double dropEvidence,
    double spikeEvidence) {
  /** No evidence either way (nothing to judge in the window). */
  static WindowEvidence none(double observed, double expected, double observedAmount, double expectedAmount) {
    return new WindowEvidence(observed, expected, observedAmount, expectedAmount, 0, 0);
  }

  /** The evidence in the given direction. */
  double evidence(boolean spike) {
    return spike ? spikeEvidence : dropEvidence;
  }
}
