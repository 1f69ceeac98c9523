package io.funnelpulse.bench;

import io.funnelpulse.generate.AnomalyInjection;
import io.funnelpulse.model.FunnelCounts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The anomalies the alert benchmark injects into one generated data set: every combination of event
 * type (views, carts, purchases), factor (0, 0.3, 3, 5), duration (1 to 4 hours) and time of day
 * (busy: from 17:00 UTC, quiet: from 02:00 UTC), each into one brand of every popularity tier, so the
 * same anomaly meets brands from a handful to hundreds of events an hour. A brand takes at most one
 * anomaly in eight days, so the week of history it is judged against holds none.
 */
final class InjectionMatrix {
  static final String[] TYPES = {"views", "carts", "purchases"};
  static final double[] FACTORS = {0, 0.3, 3, 5};
  static final int MAX_HOURS = 4;
  static final int[] START_HOURS = {17, 2};
  /** First brand rank (0 = busiest) of each popularity tier; a tier spans {@link #TIER_BRANDS} brands. */
  static final int[] TIERS = {0, 32, 64, 128, 192};
  static final int TIER_BRANDS = 32;
  /**
   * Days (from the first) an anomaly starts on: after a full baseline week, and more than a week
   * apart, so that no anomaly is in the week of history (baseline and dispersion) another one is
   * judged against.
   */
  static final int[] DAYS = {8, 16, 24};
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);

  private InjectionMatrix() {}

  /** The injections for brands ranked busiest first, in data starting at {@code start}. */
  static List<AnomalyInjection> injections(List<String> ranked, Instant start) {
    List<AnomalyInjection> all = new ArrayList<>();
    for (int tier : TIERS) {
      int combination = 0;
      for (String type : TYPES) {
        for (double factor : FACTORS) {
          for (int hours = 1; hours <= MAX_HOURS; hours++) {
            for (int startHour : START_HOURS) {
              int brand = tier + combination % TIER_BRANDS;
              int day = DAYS[combination / TIER_BRANDS % DAYS.length];
              combination++;
              if (brand >= ranked.size()) {
                continue;
              }
              Instant at = start.plusSeconds(day * 86_400L + startHour * 3_600L);
              all.add(AnomalyInjection.parse(ranked.get(brand) + ":" + type + ":" + HOUR.format(at) + ":" + hours
                  + ":" + factor));
            }
          }
        }
      }
    }
    return all;
  }

  /** The events of the injection's type an hour it would have met: their mean over its hours, without it. */
  static double usualPerHour(AnomalyInjection injection, HourlyBrandFunnel withoutInjections) {
    ToLongFunction<FunnelCounts> of = countOf(injection.metric());
    long sum = 0;
    for (int h = 0; h < injection.hours(); h++) {
      long hour = injection.startSecond() * 1000 + h * HourlyBrandFunnel.HOUR_MILLIS;
      sum += of.applyAsLong(withoutInjections.counts(injection.brand(), hour));
    }
    return sum / (double) injection.hours();
  }

  /** The metric columns whose alerts catch an anomaly of the event type {@code type}. */
  static List<String> catchingMetrics(String type) {
    switch (type) {
      case "views":
        return List.of("views", "view_to_cart_rate");
      case "carts":
        return List.of("carts", "view_to_cart_rate", "cart_to_purchase_rate");
      case "purchases":
        return List.of("purchases", "cart_to_purchase_rate", "revenue");
      default:
        throw new IllegalArgumentException("Unknown event type " + type);
    }
  }

  private static ToLongFunction<FunnelCounts> countOf(String type) {
    switch (type) {
      case "views":
        return FunnelCounts::views;
      case "carts":
        return FunnelCounts::carts;
      case "purchases":
        return FunnelCounts::purchases;
      default:
        throw new IllegalArgumentException("Unknown event type " + type);
    }
  }
}
