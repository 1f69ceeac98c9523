package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.Severity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Judges one window of one brand against that brand's baseline: the same hour of day on previous days.
 * Per metric the expectation is the baseline's median and the scale the larger of the baseline's
 * robust spread (1.4826 × median absolute deviation) and the sampling noise of the observation
 * (√expected for counts, √(p(1−p)/views) for rates); the score is (observed − expected) / scale.
 * A metric is an anomaly when |score| reaches the threshold and it differs from the expectation by at
 * least the minimum change; below the minimum volumes it is not judged at all.
 *
 * <pre>{@code
 * List<Anomaly> found = new AnomalyDetector(AnomalyThresholds.defaults()).judge(observed, sameHourBefore);
 * }</pre>
 */
public final class AnomalyDetector implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Scales a median absolute deviation to a standard deviation under normal noise. */
  static final double MAD_TO_SIGMA = 1.4826;

  private final AnomalyThresholds thresholds;

  public AnomalyDetector(AnomalyThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public AnomalyThresholds thresholds() {
    return thresholds;
  }

  /** The anomalies of {@code observed} against {@code baseline} (one entry per baseline day present). */
  public List<Anomaly> judge(FunnelCounts observed, List<FunnelCounts> baseline) {
    List<Anomaly> found = new ArrayList<>();
    if (baseline.size() < thresholds.minBaselineDays()) {
      return found;
    }
    double expectedViews = median(values(AnomalyMetric.VIEWS, baseline));
    if (expectedViews < thresholds.minViews()) {
      return found;
    }
    for (AnomalyMetric metric : AnomalyMetric.values()) {
      Anomaly anomaly = judge(metric, observed, baseline);
      if (anomaly != null) {
        found.add(anomaly);
      }
    }
    return found;
  }

  private Anomaly judge(AnomalyMetric metric, FunnelCounts observed, List<FunnelCounts> baseline) {
    Double value = metric.valueOf(observed);
    double[] samples = values(metric, baseline);
    if (value == null || samples.length < thresholds.minBaselineDays()) {
      return null;
    }
    double expected = median(samples);
    double noise;
    if (metric.isRate()) {
      if (expected * observed.views() < thresholds.minPurchases()) {
        return null;
      }
      noise = Math.sqrt(expected * (1 - expected) / observed.views());
    } else {
      if (metric == AnomalyMetric.PURCHASES && expected < thresholds.minPurchases()) {
        return null;
      }
      noise = Math.sqrt(expected);
    }
    double scale = Math.max(MAD_TO_SIGMA * medianAbsoluteDeviation(samples, expected), noise);
    if (!(scale > 0)) {
      return null;
    }
    double score = (value - expected) / scale;
    double change = Math.abs(value - expected) / expected;
    if (Math.abs(score) < thresholds.scoreThreshold() || change < thresholds.minChange()) {
      return null;
    }
    Severity severity = Math.abs(score) >= thresholds.criticalScore() ? Severity.CRITICAL : Severity.WARNING;
    return Anomaly.of(metric.column(), value, expected, score, severity, false, samples.length);
  }

  private static double[] values(AnomalyMetric metric, List<FunnelCounts> baseline) {
    return baseline.stream().map(metric::valueOf).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static double medianAbsoluteDeviation(double[] values, double median) {
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    return median(deviations);
  }
}
