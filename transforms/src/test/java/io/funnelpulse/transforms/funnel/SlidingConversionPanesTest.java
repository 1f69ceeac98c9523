package io.funnelpulse.transforms.funnel;

import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.EARLY_DELAY;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.HOUR;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.LATENESS;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.T0;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.event;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.min;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.pipeline;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The brand funnel over sliding windows as the job computes it ({@code conversion_sliding_brand}): the
 * hourly brand partials of {@link PreAggregate} windowed by {@link WindowByEventTime#slidingEvery}
 * (here 3 h windows starting every hour) and summed by {@link SumSlidingFunnel}. Every event counts in each
 * sliding window that holds it; early, on-time and late panes as for the hourly funnel, a late record
 * updating every window that holds it and has not expired.
 */
class SlidingConversionPanesTest {
  private static final Duration THREE_HOURS = Duration.standardHours(3);

  /** "window start hour|brand|views/carts/purchases|revenue cents|timing#index" of a row. */
  private static PCollection<String> described(PCollection<FunnelRow> rows) {
    return rows.apply("Describe", MapElements.into(TypeDescriptors.strings()).via((FunnelRow r) -> {
      FunnelCounts c = r.counts();
      return new Instant(r.windowStartMillis()).toDateTime(org.joda.time.DateTimeZone.UTC).getHourOfDay() + "|"
          + r.key() + "|" + c.views() + "/" + c.carts() + "/" + c.purchases() + "|" + c.revenueCents() + "|"
          + r.pane().timing() + "#" + r.pane().index() + "|" + (r.windowEndMillis() - r.windowStartMillis()) / 3_600_000;
    }));
  }

  private static PCollection<FunnelRow> slidingRows(TestPipeline p, TestStream<RawRecord> records, Duration early) {
    FunnelPartials brandSums = FunnelPartials.by(FunnelDimension.BRAND);
    PCollectionTuple partials = p.apply(records)
        .apply("ParseCleanAndPreAggregate", PreAggregate.of(InputFormat.AUTO, HOUR).with(brandSums));
    WindowByEventTime<KV<String, FunnelCounts>> sliding = WindowByEventTime.<KV<String, FunnelCounts>>of(THREE_HOURS)
        .withAllowedLateness(LATENESS)
        .withEarlyFiringDelay(early)
        .slidingEvery(HOUR);
    return partials.get(brandSums.tag()).apply("SumSlidingConversion", SumSlidingFunnel.windowedBy(sliding));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eachEventCountsInEverySlidingWindowThatHoldsItAndALateOneUpdatesTheFiredOnesInLatePanes() {
    // T0 is 10:00. 10:05 lies in the windows starting 8, 9 and 10; 11:10 in those starting 9, 10, 11.
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "view", "apple", "10.00", 5))
        .addElements(event(2, "cart", "apple", "10.00", 70))
        .advanceWatermarkTo(T0.plus(min(121)))                       // 12:01: windows ending 11 and 12 fire
        .addElements(event(3, "purchase", "apple", "10.00", 30))    // 10:30, late for both, within lateness
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PAssert.that(described(slidingRows(p, records, WindowByEventTime.NO_EARLY_FIRINGS))).containsInAnyOrder(
        "8|apple|1/0/0|0|ON_TIME#0|3",
        "8|apple|1/0/1|1000|LATE#1|3",
        "9|apple|1/1/0|0|ON_TIME#0|3",
        "9|apple|1/1/1|1000|LATE#1|3",
        "10|apple|1/1/1|1000|ON_TIME#0|3",                          // fired after the late record came
        "11|apple|0/1/0|0|ON_TIME#0|3");
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void anEarlyPaneFiresInEverySlidingWindowOfTheEventBeforeTheWatermarkClosesThem() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "view", "samsung", "5.00", 10))
        .advanceProcessingTime(EARLY_DELAY.plus(Duration.standardSeconds(1)))
        .addElements(event(2, "view", "samsung", "5.00", 20))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PAssert.that(described(slidingRows(p, records, EARLY_DELAY))).containsInAnyOrder(
        "8|samsung|1/0/0|0|EARLY#0|3", "8|samsung|2/0/0|0|ON_TIME#1|3",
        "9|samsung|1/0/0|0|EARLY#0|3", "9|samsung|2/0/0|0|ON_TIME#1|3",
        "10|samsung|1/0/0|0|EARLY#0|3", "10|samsung|2/0/0|0|ON_TIME#1|3");
    p.run().waitUntilFinish();
  }

  @Test
  void aPeriodThatDoesNotDivideTheWindowIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowByEventTime.of(THREE_HOURS).slidingEvery(Duration.standardMinutes(70)));
    assertThat(e.getMessage(), containsString("divide"));
  }
}
