package io.funnelpulse.transforms.funnel;

import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.HOUR;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.T0;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.pipeline;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SumSlidingFunnel} on bounded input (the backfill's path: each key's partials grouped once,
 * every sliding window summed from them): the same rows as summing each partial into every sliding
 * window that holds it, one final on-time row per window and key, a missing brand as its own key. The
 * stream's panes are {@code SlidingConversionPanesTest}'s.
 */
class SumSlidingFunnelTest {
  private static final Duration DAY = Duration.standardDays(1);
  private static final Duration SIX_HOURS = Duration.standardHours(6);

  private static PCollection<String> slid(TestPipeline p, List<TimestampedValue<KV<String, FunnelCounts>>> partials, Duration size, Duration period) {
    return p.apply("Partials", Create.timestamped(partials)
            .withCoder(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), FunnelCountsCoder.of())))
        .apply("SumSliding", SumSlidingFunnel.windowedBy(
            WindowByEventTime.<KV<String, FunnelCounts>>of(size).slidingEvery(period)))
        .apply("Describe", MapElements.into(TypeDescriptors.strings()).via(SumSlidingFunnelTest::describe));
  }

  private static String describe(FunnelRow row) {
    FunnelCounts c = row.counts();
    return row.windowStartMillis() + "|" + row.windowEndMillis() + "|" + row.key() + "|" + c.views() + "/" + c.carts()
        + "/" + c.removes() + "/" + c.purchases() + "|" + c.revenueCents() + "|" + row.pane().timing() + "#"
        + row.pane().index() + "|" + row.pane().isFinal();
  }

  private static TimestampedValue<KV<String, FunnelCounts>> partial(String brand, int hour, long views, long purchases, long cents) {
    return TimestampedValue.of(KV.of(brand, FunnelCounts.of(views, 0, 0, purchases, cents)), T0.plus(HOUR.multipliedBy(hour)));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eachWindowHoldingAPartialIsOneFinalRowOfTheHoursItHolds() {
    // 6 h windows every 3 h; T0 is 10:00, a multiple of 3 h away from midnight minus 2 h: windows start at 9, 12, ...
    // hour 0 (10:00) lies in the windows starting 6:00 and 9:00; hour 4 (14:00) in 9:00 and 12:00; two partials of
    // one hour are summed first.
    List<TimestampedValue<KV<String, FunnelCounts>>> partials = List.of(
        partial("apple", 0, 2, 0, 0), partial("apple", 0, 1, 1, 250), partial("apple", 4, 5, 0, 0),
        partial(null, 4, 7, 2, 1999));
    long h = HOUR.getMillis();
    long six = T0.getMillis() - 4 * h;
    long nine = T0.getMillis() - h;
    long twelve = T0.getMillis() + 2 * h;
    TestPipeline p = pipeline();
    PAssert.that(slid(p, partials, SIX_HOURS, Duration.standardHours(3))).containsInAnyOrder(
        six + "|" + (six + 6 * h) + "|apple|3/0/0/1|250|ON_TIME#0|true",
        nine + "|" + (nine + 6 * h) + "|apple|8/0/0/1|250|ON_TIME#0|true",
        twelve + "|" + (twelve + 6 * h) + "|apple|5/0/0/0|0|ON_TIME#0|true",
        nine + "|" + (nine + 6 * h) + "|null|7/0/0/2|1999|ON_TIME#0|true",
        twelve + "|" + (twelve + 6 * h) + "|null|7/0/0/2|1999|ON_TIME#0|true");
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aMonthOfRandomPartialsGivesTheRowsOfSummingEachPartialIntoEveryWindowThatHoldsIt() {
    Random random = new Random(42);
    String[] brands = {"apple", "samsung", "runail", null, "grattol"};
    List<TimestampedValue<KV<String, FunnelCounts>>> partials = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      partials.add(partial(brands[random.nextInt(brands.length)], random.nextInt(30 * 24) - 12,
          random.nextInt(50), random.nextInt(3), random.nextInt(100_000)));
    }
    TestPipeline p = pipeline();
    PAssert.that(slid(p, partials, DAY, HOUR)).containsInAnyOrder(expected(partials, DAY, HOUR));
    p.run().waitUntilFinish();
  }

  /** Each partial added to every window of {@code size} starting on a multiple of {@code period} that holds it. */
  private static List<String> expected(List<TimestampedValue<KV<String, FunnelCounts>>> partials, Duration size, Duration period) {
    Map<String, FunnelCounts> sums = new TreeMap<>();
    Map<String, FunnelRow> rows = new TreeMap<>();
    for (TimestampedValue<KV<String, FunnelCounts>> partial : partials) {
      long t = partial.getTimestamp().getMillis();
      for (long start = t - Math.floorMod(t, period.getMillis()); start > t - size.getMillis(); start -= period.getMillis()) {
        String id = start + "|" + Objects.toString(partial.getValue().getKey());
        sums.computeIfAbsent(id, k -> FunnelCounts.empty()).merge(partial.getValue().getValue());
        rows.put(id, FunnelRow.of(start, start + size.getMillis(), partial.getValue().getKey(), sums.get(id),
            PaneFacts.of(PaneInfo.Timing.ON_TIME, 0, true)));
      }
    }
    List<String> described = new ArrayList<>();
    rows.values().forEach(row -> described.add(describe(row)));
    return described;
  }
}
