package io.funnelpulse.transforms.funnel;

import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.EARLY_DELAY;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.END;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.HOUR;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.LATENESS;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.SOURCE;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.START;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.T0;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.WINDOW;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.csv;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.event;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.jobFunnel;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.line;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.min;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.pipeline;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.timeText;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trigger and lateness matrix of the funnel, on the transforms the job runs ({@link JobFunnel}:
 * {@code PreAggregate} then {@link SumFunnel}), driven by a TestStream of raw REES46 CSV lines
 * timestamped with their event time and asserted per pane: on time, early, unobservably late,
 * observably late, droppably late, a window without views, bad records mixed in. The runner's repeated
 * panes are {@code AccumulatePanesFnTest}'s.
 *
 * <p>A TestStream bundle is one {@code addElements} call, so the events of one call are pre-summed
 * together; the tests spread events over several calls so sums from different bundles are combined.
 */
class FunnelPanesTest {
  /** The row of {@code key} in {@link RawFunnelFixtures#WINDOW}, in a pane that is not the last. */
  private static FunnelRow row(String key, FunnelCounts counts, String timing, long index) {
    return FunnelRow.of(START, END, key, counts, PaneFacts.of(timing, index, false));
  }

  // ---------------------------------------------------------------------------------------------
  // Pane checks (model types are not Serializable: checks carry plain values)

  /** Expected revenue and rates of one key's row in a pane. */
  record Rates(String key, long revenueCents, Double viewToCart, Double cartToPurchase, Double conversion)
      implements Serializable {}

  /** The pane holds exactly one row per expected key, each with exactly these revenue and rates. */
  private static SerializableFunction<Iterable<FunnelRow>, Void> rowsWithRates(Rates... expected) {
    HashMap<String, Rates> byKey = new HashMap<>();
    for (Rates r : expected) {
      byKey.put(r.key(), r);
    }
    return rows -> {
      Set<String> seen = new TreeSet<>();
      int count = 0;
      for (FunnelRow row : rows) {
        count++;
        assertThat("unexpected key " + row, byKey.containsKey(row.key()), is(true));
        Rates want = byKey.get(row.key());
        FunnelCounts c = row.counts();
        assertThat("revenue of " + row, c.revenueCents(), is(want.revenueCents()));
        assertThat("view_to_cart of " + row, c.viewToCartRate(), is(want.viewToCart()));
        assertThat("cart_to_purchase of " + row, c.cartToPurchaseRate(), is(want.cartToPurchase()));
        assertThat("conversion of " + row, c.conversionRate(), is(want.conversion()));
        seen.add(String.valueOf(row.key()));
      }
      assertThat("one row per key", count, is(byKey.size()));
      assertThat(seen.size(), is(byKey.size()));
      return null;
    };
  }

  /** "position|reason" of every failure. */
  private static PCollection<String> reasons(PCollection<FailedRecord> failures) {
    return failures.apply("Reasons", MapElements.into(TypeDescriptors.strings())
        .via((FailedRecord f) -> f.raw().position() + "|" + f.reason().code()));
  }

  // ---------------------------------------------------------------------------------------------
  // Panes

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void onTimeRecordsFromSeveralBundlesGiveOneOnTimePanePerKeyWithExactTotalsIncludingNullBrand() {
    Instant nextWindowEnd = WINDOW.end().plus(HOUR);
    IntervalWindow next = new IntervalWindow(WINDOW.end(), HOUR);
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(1, "view", "apple", "776.74", 1),
            event(2, "view", "APPLE", "776.74", 2),           // brand is lower-cased: same group
            event(3, "cart", "apple", "776.74", 3),
            event(4, "view", null, "9.99", 4))                  // empty brand: the NULL group
        .addElements(
            event(5, "purchase", "apple", "776.74", 15),
            event(6, "purchase", null, "9.99", 20),
            event(7, "view", "samsung", "120.00", 65),          // next window, same bundle
            event(8, "cart", "samsung", "120.00", 66))
        .addElements(
            event(9, "remove_from_cart", "apple", "776.74", 50),
            event(10, "purchase", "samsung", "120.00", 70))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))          // ON_TIME of the first window
        .advanceWatermarkTo(nextWindowEnd.plus(min(1)))         // ON_TIME of the second
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollectionTuple out = jobFunnel(p, records, FunnelDimension.BRAND, WindowByEventTime.NO_EARLY_FIRINGS);
    PCollection<FunnelRow> rows = out.get(JobFunnel.ROWS);

    FunnelRow apple = row("apple", FunnelCounts.of(2, 1, 1, 1, 77674), "ON_TIME", 0);
    FunnelRow noBrand = row(null, FunnelCounts.of(1, 0, 0, 1, 999), "ON_TIME", 0);
    FunnelRow samsung = FunnelRow.of(next.start().getMillis(), next.end().getMillis(), "samsung",
        FunnelCounts.of(1, 1, 0, 1, 12000), PaneFacts.of("ON_TIME", 0, false));
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder(apple, noBrand);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(rowsWithRates(
        new Rates("apple", 77674, 0.5, 1.0, 0.5),
        new Rates(null, 999, 0.0, null, 1.0)));
    PAssert.that(rows).inEarlyPane(WINDOW).empty();
    PAssert.that(rows).inLatePane(WINDOW).empty();
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(apple, noBrand);
    PAssert.that(rows).inOnTimePane(next).containsInAnyOrder(samsung);
    PAssert.that(rows).inOnTimePane(next).satisfies(rowsWithRates(new Rates("samsung", 12000, 1.0, 1.0, 1.0)));
    PAssert.that(rows).inWindow(next).containsInAnyOrder(samsung);
    PAssert.that(out.get(JobFunnel.FAILED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void earlyPaneHasPartialTotalsAndOnTimePaneAccumulatesLaterBundles() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(1, "view", "apple", "10.00", 1),
            event(2, "view", "apple", "10.00", 2))
        .addElements(
            event(3, "cart", "apple", "10.00", 3),
            event(4, "view", null, "3.00", 4))
        .advanceProcessingTime(EARLY_DELAY.plus(Duration.standardSeconds(1)))   // EARLY panes
        .addElements(event(5, "purchase", "apple", "10.00", 10))
        .addElements(event(6, "purchase", "apple", "5.50", 11))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))                          // ON_TIME panes
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows =
        jobFunnel(p, records, FunnelDimension.BRAND, EARLY_DELAY).get(JobFunnel.ROWS);

    FunnelRow appleEarly = row("apple", FunnelCounts.of(2, 1, 0, 0, 0), "EARLY", 0);
    FunnelRow noBrandEarly = row(null, FunnelCounts.of(1, 0, 0, 0, 0), "EARLY", 0);
    FunnelRow appleOnTime = row("apple", FunnelCounts.of(2, 1, 0, 2, 1550), "ON_TIME", 1);
    // Accumulating panes: the ON_TIME pane repeats the NULL group's totals though it got nothing new.
    FunnelRow noBrandOnTime = row(null, FunnelCounts.of(1, 0, 0, 0, 0), "ON_TIME", 1);
    PAssert.that(rows).inEarlyPane(WINDOW).containsInAnyOrder(appleEarly, noBrandEarly);
    PAssert.that(rows).inEarlyPane(WINDOW).satisfies(rowsWithRates(
        new Rates("apple", 0, 0.5, 0.0, 0.0),
        new Rates(null, 0, 0.0, null, 0.0)));
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder(appleOnTime, noBrandOnTime);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(rowsWithRates(
        new Rates("apple", 1550, 0.5, 2.0, 1.0),
        new Rates(null, 0, 0.0, null, 0.0)));
    PAssert.that(rows).inLatePane(WINDOW).empty();
    PAssert.that(rows).inWindow(WINDOW)
        .containsInAnyOrder(appleEarly, noBrandEarly, appleOnTime, noBrandOnTime);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void unobservablyLateRecordBehindTheWatermarkButBeforeTheWindowFiresIsCountedOnTime() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "view", "apple", "5.00", 45))
        .advanceWatermarkTo(T0.plus(min(50)))
        // Behind the watermark (t+10m < t+50m), but the window has not fired yet.
        .addElements(event(2, "purchase", "apple", "5.00", 10))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows =
        jobFunnel(p, records, FunnelDimension.BRAND, WindowByEventTime.NO_EARLY_FIRINGS).get(JobFunnel.ROWS);

    FunnelRow onTime = row("apple", FunnelCounts.of(1, 0, 0, 1, 500), "ON_TIME", 0);
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder(onTime);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(rowsWithRates(new Rates("apple", 500, 0.0, null, 1.0)));
    PAssert.that(rows).inLatePane(WINDOW).empty();
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void windowWithoutViewsHasNullViewToCartAndConversionRates() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(1, "cart", "samsung", "120.00", 1),
            event(2, "cart", "samsung", "120.00", 2))
        .addElements(
            event(3, "cart", "samsung", "120.00", 3),
            event(4, "cart", "samsung", "120.00", 4),
            event(5, "purchase", "samsung", "120.00", 5))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows =
        jobFunnel(p, records, FunnelDimension.BRAND, WindowByEventTime.NO_EARLY_FIRINGS).get(JobFunnel.ROWS);

    FunnelRow onTime = row("samsung", FunnelCounts.of(0, 4, 0, 1, 12_000), "ON_TIME", 0);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(rowsWithRates(new Rates("samsung", 12_000, null, 0.25, null)));
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void observablyLateRecordsWithinAllowedLatenessGiveLatePanesWithAccumulatedTotals() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(1, "view", "apple", "4.00", 5),
            event(2, "view", "apple", "4.00", 6))
        .addElements(event(3, "cart", "apple", "4.00", 7))
        .advanceWatermarkTo(WINDOW.end().plus(min(5)))                 // ON_TIME pane fires
        .addElements(                                                   // late, within lateness
            event(4, "purchase", "apple", "2.50", 20),
            event(5, "view", null, "1.00", 25))
        .advanceWatermarkTo(WINDOW.end().plus(min(30)))
        .addElements(event(6, "purchase", "apple", "1.35", 30))        // late again
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows =
        jobFunnel(p, records, FunnelDimension.BRAND, WindowByEventTime.NO_EARLY_FIRINGS)
            .get(JobFunnel.ROWS);

    FunnelRow onTime = row("apple", FunnelCounts.of(2, 1, 0, 0, 0), "ON_TIME", 0);
    FunnelRow late1 = row("apple", FunnelCounts.of(2, 1, 0, 1, 250), "LATE", 1);
    FunnelRow late2 = row("apple", FunnelCounts.of(2, 1, 0, 2, 385), "LATE", 2);
    // The NULL group's first pane comes after the watermark passed the window: LATE, index 0.
    FunnelRow noBrandLate = row(null, FunnelCounts.of(1, 0, 0, 0, 0), "LATE", 0);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(rowsWithRates(new Rates("apple", 0, 0.5, 0.0, 0.0)));
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder(onTime);
    PAssert.that(rows).inEarlyPane(WINDOW).empty();
    PAssert.that(rows).inLatePane(WINDOW).containsInAnyOrder(late1, late2, noBrandLate);
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime, late1, late2, noBrandLate);
    PAssert.that(rows).inLatePane(WINDOW).satisfies(late -> {
      for (FunnelRow r : late) {
        FunnelCounts c = r.counts();
        if (r.key() == null) {
          assertThat(c.viewToCartRate(), is(0.0));
          assertThat(c.cartToPurchaseRate(), is(nullValue()));
          assertThat(c.conversionRate(), is(0.0));
        } else {
          assertThat(c.viewToCartRate(), is(0.5));
          assertThat(c.cartToPurchaseRate(), is((double) c.purchases()));
          assertThat(c.conversionRate(), is(c.purchases() / 2.0));
          assertThat(c.revenueCents(), is(c.purchases() == 1 ? 250L : 385L));
        }
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void droppablyLateRecordBeyondAllowedLatenessIsNotCountedInAnyPane() {
    IntervalWindow laterWindow = new IntervalWindow(T0.plus(Duration.standardHours(3)), HOUR);
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "view", "apple", "7.00", 15))
        .addElements(event(2, "cart", "apple", "7.00", 16))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))                    // ON_TIME pane fires
        .advanceWatermarkTo(WINDOW.end().plus(LATENESS).plus(min(1)))     // window expires
        // One bundle: a droppably late purchase and a control view of a later window. Both are
        // pre-summed in the same bundle, each into its own window's sum.
        .addElements(
            event(3, "purchase", "apple", "999.99", 30),
            event(4, "purchase", null, "1.00", 31),
            event(5, "view", "apple", "7.00", 3 * 60 + 30))
        .advanceWatermarkTo(laterWindow.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollectionTuple out = jobFunnel(p, records, FunnelDimension.BRAND, WindowByEventTime.NO_EARLY_FIRINGS);
    PCollection<FunnelRow> rows = out.get(JobFunnel.ROWS);

    FunnelRow onTime = row("apple", FunnelCounts.of(1, 1, 0, 0, 0), "ON_TIME", 0);
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime);
    PAssert.that(rows).inLatePane(WINDOW).empty();
    FunnelRow control = FunnelRow.of(laterWindow.start().getMillis(), laterWindow.end().getMillis(),
        "apple", FunnelCounts.of(1, 0, 0, 0, 0), PaneFacts.of("ON_TIME", 0, false));
    PAssert.that(rows).inWindow(laterWindow).containsInAnyOrder(control);
    PAssert.that(rows).satisfies(all -> {
      int count = 0;
      for (FunnelRow r : all) {
        count++;
        assertThat("no pane counts the dropped purchases: " + r, r.counts().purchases(), is(0L));
        assertThat(r.counts().revenueCents(), is(0L));
        assertThat("the dropped NULL-brand purchase opens no group", r.key(), is("apple"));
      }
      assertThat(count, is(2));
      return null;
    });
    // Dropped for lateness is not a record failure.
    PAssert.that(out.get(JobFunnel.FAILED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void badRecordsMixedIntoTheStreamGoToFailedWithTheirReasonAndAreNotCounted() {
    String wrongColumnCount =
        timeText(5) + ",purchase,5773203,1487580005134238553,,apple,776.74,463240011";
    String wishlist = csv(timeText(6), "wishlist", "apple", "776.74");
    String zeroPrice = csv(timeText(7), "purchase", "apple", "0.00");
    String badTimestamp = csv("2019-10-01 25:61:00 UTC", "purchase", "apple", "776.74");
    String missingPrice = csv(timeText(8), "purchase", "apple", "");
    String badPrice = csv(timeText(9), "purchase", "apple", "12.3.4");
    String unbalancedQuote = csv(timeText(10), "purchase", "\"apple", "776.74");
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(1, "view", "apple", "776.74", 1),
            line(2, wrongColumnCount, 5),
            event(3, "cart", "apple", "776.74", 2),
            line(4, wishlist, 6))
        .addElements(
            line(5, zeroPrice, 7),
            event(6, "purchase", "apple", "776.74", 3),
            line(7, badTimestamp, 7))                  // no event time: timestamped at arrival
        .addElements(
            line(8, missingPrice, 8),
            line(9, badPrice, 9),
            line(10, unbalancedQuote, 10),
            event(11, "view", null, "1.00", 11))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollectionTuple out = jobFunnel(p, records, FunnelDimension.BRAND, WindowByEventTime.NO_EARLY_FIRINGS);
    PCollection<FunnelRow> rows = out.get(JobFunnel.ROWS);
    PCollection<FailedRecord> failed = out.get(JobFunnel.FAILED);

    FunnelRow apple = row("apple", FunnelCounts.of(1, 1, 0, 1, 77674), "ON_TIME", 0);
    FunnelRow noBrand = row(null, FunnelCounts.of(1, 0, 0, 0, 0), "ON_TIME", 0);
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(apple, noBrand);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(rowsWithRates(
        new Rates("apple", 77674, 1.0, 1.0, 1.0),
        new Rates(null, 0, 0.0, null, 0.0)));
    PAssert.that(reasons(failed)).containsInAnyOrder(
        "2|" + FailureReason.MALFORMED_LINE.code(),
        "4|" + FailureReason.UNKNOWN_EVENT_TYPE.code(),
        "5|" + FailureReason.NON_POSITIVE_PRICE.code(),
        "7|" + FailureReason.BAD_TIMESTAMP.code(),
        "8|" + FailureReason.MISSING_PRICE.code(),
        "9|" + FailureReason.BAD_PRICE.code(),
        "10|" + FailureReason.MALFORMED_LINE.code());
    PAssert.that(failed).containsInAnyOrder(
        FailedRecord.of(RawRecord.of(wrongColumnCount, SOURCE, 2), FailureReason.MALFORMED_LINE,
            "expected 9 fields, found 8"),
        FailedRecord.of(RawRecord.of(wishlist, SOURCE, 4), FailureReason.UNKNOWN_EVENT_TYPE,
            "event_type 'wishlist'"),
        FailedRecord.of(RawRecord.of(zeroPrice, SOURCE, 5), FailureReason.NON_POSITIVE_PRICE,
            "price 0.00 is not positive"),
        FailedRecord.of(RawRecord.of(badTimestamp, SOURCE, 7), FailureReason.BAD_TIMESTAMP,
            "event_time '2019-10-01 25:61:00 UTC' is not a time"),
        FailedRecord.of(RawRecord.of(missingPrice, SOURCE, 8), FailureReason.MISSING_PRICE,
            "price is empty"),
        FailedRecord.of(RawRecord.of(badPrice, SOURCE, 9), FailureReason.BAD_PRICE,
            "price '12.3.4' is not a number"),
        FailedRecord.of(RawRecord.of(unbalancedQuote, SOURCE, 10), FailureReason.MALFORMED_LINE,
            "unbalanced quotes"));
    p.run().waitUntilFinish();
  }
}
