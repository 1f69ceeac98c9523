package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.FunnelCounts;
import java.util.function.ToLongFunction;

/**
 * The funnel metrics watched for anomalies, each with the model that fits it: three counts (negative
 * binomial, {@link CountModel}), two rates judged on their counts ({@link RateModel}) and revenue
 * given its purchases ({@link OrderValueModel}).
 */
public enum AnomalyMetric {
  /** View events in the window. */
  VIEWS("views"),
  /** Cart events in the window. */
  CARTS("carts"),
  /** Purchase events in the window. */
  PURCHASES("purchases"),
  /** Carts out of views. */
  VIEW_TO_CART_RATE("view_to_cart_rate"),
  /** Purchases out of carts. */
  CART_TO_PURCHASE_RATE("cart_to_purchase_rate"),
  /** Revenue given the window's purchases (its order values). */
  REVENUE("revenue");

  private final String column;

  AnomalyMetric(String column) {
    this.column = column;
  }

  /** The name written in the {@code metric} column (the funnel table's column name). */
  public String column() {
    return column;
  }

  /**
   * The evidence of {@code observed} against the same window on the baseline days ({@code sameHour})
   * and the brand's recent windows grouped by time of day ({@code recent}, for its dispersion).
   */
  WindowEvidence evidence(FunnelCounts observed, FunnelCounts[] sameHour, FunnelCounts[][] recent,
      AnomalyThresholds thresholds) {
    double[] drop = thresholds.dropFactors();
    double[] spike = thresholds.spikeFactors();
    switch (this) {
      case VIEWS:
        return count(FunnelCounts::views, observed, sameHour, recent, drop, spike);
      case CARTS:
        return count(FunnelCounts::carts, observed, sameHour, recent, drop, spike);
      case PURCHASES:
        return count(FunnelCounts::purchases, observed, sameHour, recent, drop, spike);
      case VIEW_TO_CART_RATE:
        return rate(FunnelCounts::carts, FunnelCounts::views, observed, sameHour, recent, drop, spike);
      case CART_TO_PURCHASE_RATE:
        return rate(FunnelCounts::purchases, FunnelCounts::carts, observed, sameHour, recent, drop, spike);
      case REVENUE:
        return OrderValueModel.learn(longs(FunnelCounts::revenueCents, flatten(recent)),
                longs(FunnelCounts::purchases, flatten(recent)))
            .judge(observed.revenueCents(), observed.purchases(), drop, spike);
      default:
        throw new IllegalStateException("Unknown metric " + this);
    }
  }

  private static WindowEvidence count(ToLongFunction<FunnelCounts> of, FunnelCounts observed,
      FunnelCounts[] sameHour, FunnelCounts[][] recent, double[] drop, double[] spike) {
    double[] values = doubles(of, sameHour);
    double[][] groups = groups(of, recent);
    double dispersion = CountModel.dispersion(groups);
    double median = BaselineDays.median(values);
    int[] kept = BaselineDays.kept(values, Math.sqrt(median + dispersion * median * median + 1));
    double[] baseline = new double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      baseline[i] = values[kept[i]];
    }
    return CountModel.judge(of.applyAsLong(observed), baseline, shrinkTarget(of, sameHour, recent), dispersion, drop,
        spike);
  }

  /**
   * What a count is shrunk toward: the brand's mean per window over its recent windows, times how busy
   * this time of day is for it (its views at this hour on the baseline days against its mean views),
   * so that a quiet night hour is not expected to hold a daytime hour's events.
   */
  private static double shrinkTarget(ToLongFunction<FunnelCounts> of, FunnelCounts[] sameHour,
      FunnelCounts[][] recent) {
    double meanViews = CountModel.overallMean(groups(FunnelCounts::views, recent));
    double viewsThen = 0;
    for (FunnelCounts counts : sameHour) {
      viewsThen += counts.views();
    }
    double busy = (viewsThen + CountModel.PRIOR_EVENTS) / (meanViews * sameHour.length + CountModel.PRIOR_EVENTS);
    return CountModel.overallMean(groups(of, recent)) * busy;
  }

  private static double[][] groups(ToLongFunction<FunnelCounts> of, FunnelCounts[][] recent) {
    double[][] groups = new double[recent.length][];
    for (int g = 0; g < recent.length; g++) {
      groups[g] = doubles(of, recent[g]);
    }
    return groups;
  }

  private static WindowEvidence rate(ToLongFunction<FunnelCounts> numerator, ToLongFunction<FunnelCounts> other,
      FunnelCounts observed, FunnelCounts[] sameHour, FunnelCounts[][] recent, double[] drop, double[] spike) {
    long[] a = longs(numerator, sameHour);
    long[] b = longs(other, sameHour);
    long[][] groupA = new long[recent.length][];
    long[][] groupB = new long[recent.length][];
    for (int g = 0; g < recent.length; g++) {
      groupA[g] = longs(numerator, recent[g]);
      groupB[g] = longs(other, recent[g]);
    }
    double correlation = RateModel.overDispersion(groupA, groupB);
    double[] shares = new double[a.length];
    double events = 0;
    for (int i = 0; i < a.length; i++) {
      shares[i] = a[i] + b[i] == 0 ? 0 : a[i] / (double) (a[i] + b[i]);
      events += a[i] + b[i];
    }
    double perDay = Math.max(1, events / a.length);
    double share = BaselineDays.median(shares);
    double spread = Math.sqrt(share * (1 - share) * (1 / perDay + correlation)) + 1 / perDay;
    int[] kept = BaselineDays.kept(shares, spread);
    long[] keptA = new long[kept.length];
    long[] keptB = new long[kept.length];
    for (int i = 0; i < kept.length; i++) {
      keptA[i] = a[kept[i]];
      keptB[i] = b[kept[i]];
    }
    return RateModel.judge(numerator.applyAsLong(observed), other.applyAsLong(observed), keptA, keptB,
        RateModel.overallShare(groupA, groupB), correlation, drop, spike);
  }

  private static FunnelCounts[] flatten(FunnelCounts[][] groups) {
    int size = 0;
    for (FunnelCounts[] group : groups) {
      size += group.length;
    }
    FunnelCounts[] all = new FunnelCounts[size];
    int i = 0;
    for (FunnelCounts[] group : groups) {
      for (FunnelCounts counts : group) {
        all[i++] = counts;
      }
    }
    return all;
  }

  private static long[] longs(ToLongFunction<FunnelCounts> of, FunnelCounts[] counts) {
    long[] values = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      values[i] = of.applyAsLong(counts[i]);
    }
    return values;
  }

  private static double[] doubles(ToLongFunction<FunnelCounts> of, FunnelCounts[] counts) {
    double[] values = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      values[i] = of.applyAsLong(counts[i]);
    }
    return values;
  }
}
