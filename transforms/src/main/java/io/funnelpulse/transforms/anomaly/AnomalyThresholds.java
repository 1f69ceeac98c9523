package io.funnelpulse.transforms.anomaly;

import java.io.Serializable;
import java.util.Locale;

/**
 * When evidence becomes an alert: how many days of same-hour history make the baseline (and must be
 * there before a window is judged), the shifts the evidence is weighed for (a drop to
 * {@code dropFactor} and a spike to {@code spikeFactor} times the usual level), and the false-alert
 * budget the alert level follows from. A CUSUM of log-likelihood ratios whose in-control run length
 * must be at least {@code A} windows needs the level {@code ln A} (Wald's bound: a false alarm within
 * {@code A} windows has probability at most about {@code 1/A}); a brand has {@value #STREAMS} runs (six
 * metrics, two directions) and 168 hourly windows a week, so a budget of {@code b} false alerts per
 * brand-week gives the level {@code ln(168 · 12 / b)}: 10.6 for 0.05. CRITICAL takes evidence a hundred
 * times stronger ({@code + ln 100}). Immutable; change with {@code withX(...)} copies.
 *
 * <pre>{@code
 * AnomalyThresholds t = AnomalyThresholds.defaults().withBaselineDays(14, 7).withFalseAlertsPerBrandWeek(0.01);
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
  private final double dropFactor;
  private final double spikeFactor;

  private AnomalyThresholds(int baselineDays, int minBaselineDays, double falseAlertsPerBrandWeek, double dropFactor,
      double spikeFactor) {
    if (baselineDays < 1 || minBaselineDays < 1 || minBaselineDays > baselineDays) {
      throw new IllegalArgumentException("Need 1 <= minBaselineDays <= baselineDays, got "
          + minBaselineDays + " and " + baselineDays);
    }
    if (!(falseAlertsPerBrandWeek > 0)) {
      throw new IllegalArgumentException("The false-alert budget must be positive, got " + falseAlertsPerBrandWeek);
    }
    if (!(dropFactor > 0 && dropFactor < 1) || !(spikeFactor > 1) || Double.isInfinite(spikeFactor)) {
      throw new IllegalArgumentException("Need 0 < dropFactor < 1 < spikeFactor, got " + dropFactor + " and "
          + spikeFactor);
    }
    this.baselineDays = baselineDays;
    this.minBaselineDays = minBaselineDays;
    this.falseAlertsPerBrandWeek = falseAlertsPerBrandWeek;
    this.dropFactor = dropFactor;
    this.spikeFactor = spikeFactor;
  }

  /** 7 baseline days (at least 4 present), 0.05 false alerts per brand-week, drops to ½, spikes to 2×. */
  public static AnomalyThresholds defaults() {
    return new AnomalyThresholds(7, 4, 0.05, 0.5, 2.0);
  }

  /** Same hour of day over this many previous days forms the baseline; judge from {@code minDays}. */
  public AnomalyThresholds withBaselineDays(int days, int minDays) {
    return new AnomalyThresholds(days, minDays, falseAlertsPerBrandWeek, dropFactor, spikeFactor);
  }

  /** The budget of false alerts per brand and week the alert level is set for. */
  public AnomalyThresholds withFalseAlertsPerBrandWeek(double budget) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, budget, dropFactor, spikeFactor);
  }

  /** The shifts weighed: a drop to {@code drop} (0.5: half) and a spike to {@code spike} (2: double) the usual level. */
  public AnomalyThresholds withFactors(double drop, double spike) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, falseAlertsPerBrandWeek, drop, spike);
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

  public double dropFactor() {
    return dropFactor;
  }

  public double spikeFactor() {
    return spikeFactor;
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
        "AnomalyThresholds{baselineDays=%d (min %d), falseAlertsPerBrandWeek=%s (level %.2f), drop=%s, spike=%s}",
        baselineDays, minBaselineDays, falseAlertsPerBrandWeek, alertLevel(), dropFactor, spikeFactor);
  }
}
