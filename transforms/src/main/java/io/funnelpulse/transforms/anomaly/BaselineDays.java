package io.funnelpulse.transforms.anomaly;

import java.util.Arrays;

/**
 * Which baseline days an expectation rests on: all of them, except that with five or more days the
 * one farthest from their median is left out when it lies more than {@value #OUTLIER_SPREADS} of the
 * model's standard deviations from it, so that one day holding an outage or a spike (of the brand, or
 * an earlier alert) neither drags the expectation nor fakes a change on the days after it, while the
 * ordinary ups and downs of small counts (mostly 0, now and then 2) are all kept.
 */
final class BaselineDays {
  /** Days needed before the farthest one is left out. */
  static final int TRIM_FROM = 5;
  /** Standard deviations from the median beyond which the farthest day is an outlier. */
  static final double OUTLIER_SPREADS = 4;

  private BaselineDays() {}

  /**
   * Indices of the days kept, given each day's value of the quantity judged and the model's standard
   * deviation of one day's value.
   */
  static int[] kept(double[] values, double spread) {
    int n = values.length;
    if (n < TRIM_FROM) {
      return indices(n, -1);
    }
    double median = median(values);
    int farthest = 0;
    for (int i = 1; i < n; i++) {
      if (Math.abs(values[i] - median) > Math.abs(values[farthest] - median)) {
        farthest = i;
      }
    }
    boolean outlier = Math.abs(values[farthest] - median) > OUTLIER_SPREADS * spread;
    return indices(n, outlier ? farthest : -1);
  }

  private static int[] indices(int n, int without) {
    int[] kept = new int[without < 0 ? n : n - 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (i != without) {
        kept[k++] = i;
      }
    }
    return kept;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
