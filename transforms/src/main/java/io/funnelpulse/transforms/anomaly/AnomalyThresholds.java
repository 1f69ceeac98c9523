package io.funnelpulse.transforms.anomaly;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * When evidence becomes an alert: how many days of same-hour history make the baseline (and must be
 * there before a window is judged), the shifts the evidence is weighed for (a drop to
 * any of {@code dropFactors} and a spike to any of {@code spikeFactors} times the usual level, weighed
 * as a mixture; by default half or a tenth, and double or five times), and the false-alert
 * budget the alert level follows from. A CUSUM of log-likelihood ratios whose in-control run length
 * must be at least {@code A} windows needs the level {@code ln A} (Wald's bound: a false alarm within
 * {@code A} windows has probability at most about {@code 1/A}); a brand has {@value #STREAMS} runs (six
 * metrics, two directions) and 168 hourly windows a week, so a budget of {@code b} false alerts per
 * brand-week gives the level {@code ln(168 · 12 / b)}: 10.6 for 0.05. CRITICAL takes evidence a hundred
 * times stronger ({@code + ln 100}). Immutable; change with {@code withX(...)} copies.
 *
 * <pre>{@code
 * AnomalyThresholds t = AnomalyThresholds.defaults().withBaselineDays(14, 7).withFalseAlertsPerBrandWeek(0.01)
 *     .withFactors(new double[] {0.5}, new double[] {2});
 * }</pre>
 */
public final class AnomalyThresholds implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Evidence runs per brand: each metric, for drops and for spikes. */
  public static final int STREAMS = 2 * AnomalyMetric.values().length;
  /** Hourly windows in a week. */
  static final int WINDOWS_PER_WEEK = 168;
  /** CRITICAL from evidence this many times stronger than the alert level's. */
  static final double CRITICAL_ODDS = 100;

  private final int baselineDays;
  private final int minBaselineDays;
  private final double falseAlertsPerBrandWeek;
  private final double[] dropFactors;
  private final double[] spikeFactors;

  private AnomalyThresholds(int baselineDays, int minBaselineDays, double falseAlertsPerBrandWeek,
      double[] dropFactors, double[] spikeFactors) {
    if (baselineDays < 1 || minBaselineDays < 1 || minBaselineDays > baselineDays) {
      throw new IllegalArgumentException("Need 1 <= minBaselineDays <= baselineDays, got "
          + minBaselineDays + " and " + baselineDays);
    }
    if (!(falseAlertsPerBrandWeek > 0)) {
      throw new IllegalArgumentException("The false-alert budget must be positive, got " + falseAlertsPerBrandWeek);
    }
    if (dropFactors.length == 0 || spikeFactors.length == 0
        || Arrays.stream(dropFactors).anyMatch(f -> !(f > 0 && f < 1))
        || Arrays.stream(spikeFactors).anyMatch(f -> !(f > 1) || Double.isInfinite(f))) {
      throw new IllegalArgumentException("Need drop factors in (0, 1) and spike factors above 1, got "
          + Arrays.toString(dropFactors) + " and " + Arrays.toString(spikeFactors));
    }
    this.baselineDays = baselineDays;
    this.minBaselineDays = minBaselineDays;
    this.falseAlertsPerBrandWeek = falseAlertsPerBrandWeek;
    this.dropFactors = dropFactors.clone();
    this.spikeFactors = spikeFactors.clone();
  }

  /**
   * 7 baseline days (at least 4 present), 0.05 false alerts per brand-week, drops to ½ or a tenth,
   * spikes to 2× or 5×.
   */
  public static AnomalyThresholds defaults() {
    return new AnomalyThresholds(7, 4, 0.05, new double[] {0.5, 0.1}, new double[] {2, 5});
  }

  /** Same hour of day over this many previous days forms the baseline; judge from {@code minDays}. */
  public AnomalyThresholds withBaselineDays(int days, int minDays) {
    return new AnomalyThresholds(days, minDays, falseAlertsPerBrandWeek, dropFactors, spikeFactors);
  }

  /** The budget of false alerts per brand and week the alert level is set for. */
  public AnomalyThresholds withFalseAlertsPerBrandWeek(double budget) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, budget, dropFactors, spikeFactors);
  }

  /**
   * The shifts weighed: drops to {@code drops} (0.5: half) and spikes to {@code spikes} (2: double) the
   * usual level.
   */
  public AnomalyThresholds withFactors(double[] drops, double[] spikes) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, falseAlertsPerBrandWeek, drops, spikes);
  }

  public int baselineDays() {
    return baselineDays;
  }

  public int minBaselineDays() {
    return minBaselineDays;
  }

  public double falseAlertsPerBrandWeek() {
    return falseAlertsPerBrandWeek;
  }

  public double[] dropFactors() {
    return dropFactors.clone();
  }

  public double[] spikeFactors() {
    return spikeFactors.clone();
  }

  /** Accumulated evidence (nats) from which an alert opens: {@code ln(168 · 12 / budget)}. */
  public double alertLevel() {
    return Math.log(WINDOWS_PER_WEEK * STREAMS / falseAlertsPerBrandWeek);
  }

  /** Accumulated evidence from which an alert is CRITICAL. */
  public double criticalLevel() {
    return alertLevel() + Math.log(CRITICAL_ODDS);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "AnomalyThresholds{baselineDays=%d (min %d), falseAlertsPerBrandWeek=%s (level %.2f), drops=%s, spikes=%s}",
        baselineDays, minBaselineDays, falseAlertsPerBrandWeek, alertLevel(), Arrays.toString(dropFactors),
        Arrays.toString(spikeFactors));
  }
}
