package io.funnelpulse.transforms.anomaly;

import java.io.Serializable;

/**
 * When a window's metric is an anomaly: how many days of same-hour history make the baseline, how far
 * (in robust scores and relative change) an observation must be from it, and the minimum volumes
 * below which a brand's hour is not judged at all. Immutable; change with {@code withX(...)} copies.
 *
 * <pre>{@code
 * AnomalyThresholds t = AnomalyThresholds.defaults().withBaselineDays(14).withMinViews(200);
 * }</pre>
 */
public final class AnomalyThresholds implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int baselineDays;
  private final int minBaselineDays;
  private final double scoreThreshold;
  private final double criticalScore;
  private final double minChange;
  private final long minViews;
  private final long minPurchases;

  private AnomalyThresholds(int baselineDays, int minBaselineDays, double scoreThreshold, double criticalScore,
      double minChange, long minViews, long minPurchases) {
    if (baselineDays < 1 || minBaselineDays < 1 || minBaselineDays > baselineDays) {
      throw new IllegalArgumentException("Need 1 <= minBaselineDays <= baselineDays, got "
          + minBaselineDays + " and " + baselineDays);
    }
    if (!(scoreThreshold > 0) || !(criticalScore >= scoreThreshold)) {
      throw new IllegalArgumentException("Need 0 < scoreThreshold <= criticalScore, got "
          + scoreThreshold + " and " + criticalScore);
    }
    if (!(minChange >= 0) || minViews < 0 || minPurchases < 0) {
      throw new IllegalArgumentException("Minimum change and volumes must not be negative");
    }
    this.baselineDays = baselineDays;
    this.minBaselineDays = minBaselineDays;
    this.scoreThreshold = scoreThreshold;
    this.criticalScore = criticalScore;
    this.minChange = minChange;
    this.minViews = minViews;
    this.minPurchases = minPurchases;
  }

  /** 7 baseline days (at least 4 present), score 4 (critical 8), change 50%, 100 views, 10 purchases. */
  public static AnomalyThresholds defaults() {
    return new AnomalyThresholds(7, 4, 4.0, 8.0, 0.5, 100, 10);
  }

  /** Same hour of day over this many previous days forms the baseline. */
  public AnomalyThresholds withBaselineDays(int days, int minDays) {
    return new AnomalyThresholds(days, minDays, scoreThreshold, criticalScore, minChange, minViews, minPurchases);
  }

  /** Alert from {@code score} baseline scales away; critical from {@code critical}. */
  public AnomalyThresholds withScores(double score, double critical) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, score, critical, minChange, minViews, minPurchases);
  }

  /** Alert only when the observation differs from the expectation by this share of it (0.5 = 50%). */
  public AnomalyThresholds withMinChange(double share) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, scoreThreshold, criticalScore, share, minViews,
        minPurchases);
  }

  /** Judge an hour only when its expected views reach {@code views}. */
  public AnomalyThresholds withMinViews(long views) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, scoreThreshold, criticalScore, minChange, views,
        minPurchases);
  }

  /** Judge purchases, and the rates, only when the expected purchases (carts) reach {@code purchases}. */
  public AnomalyThresholds withMinPurchases(long purchases) {
    return new AnomalyThresholds(baselineDays, minBaselineDays, scoreThreshold, criticalScore, minChange, minViews,
        purchases);
  }

  public int baselineDays() {
    return baselineDays;
  }

  public int minBaselineDays() {
    return minBaselineDays;
  }

  public double scoreThreshold() {
    return scoreThreshold;
  }

  public double criticalScore() {
    return criticalScore;
  }

  public double minChange() {
    return minChange;
  }

  public long minViews() {
    return minViews;
  }

  public long minPurchases() {
    return minPurchases;
  }

  @Override
  public String toString() {
    return "AnomalyThresholds{baselineDays=" + baselineDays + " (min " + minBaselineDays + "), score="
        + scoreThreshold + ", critical=" + criticalScore + ", minChange=" + minChange + ", minViews=" + minViews
        + ", minPurchases=" + minPurchases + "}";
  }
}
