package io.funnelpulse.generate;

import java.util.SplittableRandom;

/**
 * Spreads the requested number of events over hourly slots: an evening-heavy daily curve (peak
 * 19:00 UTC, trough 04:00 UTC, about 8x apart) times a mild random factor per day.
 */
final class DailyCycle {

  /** Relative traffic per UTC hour of day. */
  private static final double[] HOURLY = {
    4.0, 2.8, 1.9, 1.3, 1.0, 1.1, 1.5, 2.1, 2.8, 3.4, 3.9, 4.3,
    4.6, 4.8, 5.0, 5.3, 5.8, 6.6, 7.5, 8.0, 7.6, 6.8, 5.9, 4.9
  };
  private static final double DAY_FACTOR_SPREAD = 0.2;

  private DailyCycle() {}

  /**
   * Events per hourly slot, summing exactly to {@code events}.
   *
   * @param startSecond epoch second of the first slot's start
   */
  static long[] eventsPerSlot(long events, int days, long startSecond, SplittableRandom random) {
    int slots = days * 24;
    double[] cumulative = new double[slots + 1];
    double dayFactor = 1.0;
    for (int s = 0; s < slots; s++) {
      if (s % 24 == 0) {
        dayFactor = 1.0 - DAY_FACTOR_SPREAD / 2 + DAY_FACTOR_SPREAD * random.nextDouble();
      }
      int hourOfDay = Math.floorMod(Math.floorDiv(startSecond, 3600) + s, 24);
      cumulative[s + 1] = cumulative[s] + dayFactor * HOURLY[hourOfDay];
    }
    long[] perSlot = new long[slots];
    long before = 0;
    for (int s = 0; s < slots; s++) {
      long upTo = Math.round(events * (cumulative[s + 1] / cumulative[slots]));
      perSlot[s] = upTo - before;
      before = upTo;
    }
    perSlot[slots - 1] += events - before;
    return perSlot;
  }
}
