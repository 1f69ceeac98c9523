package io.funnelpulse.transforms.funnel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.ClickEventCoder;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.PaneFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The windowed brand funnel (1 h windows, 2 h allowed lateness) on a TestStream, asserted per pane: on
 * time, early (speculative), unobservably late, observably late and droppably late.
 */
class WindowedFunnelPanesTest {
  private static final Duration HOUR = Duration.standardHours(1);
  private static final Duration LATENESS = Duration.standardHours(2);
  private static final Duration EARLY_DELAY = Duration.standardSeconds(30);
  private static final Instant T0 = Instant.parse("2019-10-01T00:00:00Z");
  private static final IntervalWindow WINDOW = new IntervalWindow(T0, HOUR);
  private static final long START = WINDOW.start().getMillis();
  private static final long END = WINDOW.end().getMillis();

  private static TimestampedValue<ClickEvent> event(
      EventType type, String brand, long priceCents, Duration offset) {
    Instant at = T0.plus(offset);
    ClickEvent e = ClickEvent.builder(type, at.getMillis())
        .brand(brand).priceCents(priceCents).productId("p-" + type.code()).userId("u1").build();
    return TimestampedValue.of(e, at);
  }

  private static Duration min(long minutes) {
    return Duration.standardMinutes(minutes);
  }

  private static TestPipeline pipeline() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(false);
  }

  private static PCollection<FunnelRow> brandFunnel(
      TestPipeline p, TestStream<ClickEvent> events, Duration earlyDelay) {
    return p.apply("Events", events)
        .apply("WindowHourly", WindowFunnel.<ClickEvent>of(HOUR)
            .withAllowedLateness(LATENESS).withEarlyFiringDelay(earlyDelay))
        .apply("CountFunnel", CountFunnel.by(FunnelDimension.BRAND));
  }

  private static FunnelRow row(String key, FunnelCounts counts, String timing, long index) {
    return FunnelRow.of(START, END, key, counts, PaneFacts.of(timing, index, false));
  }

  /** Checks the one row of a pane: its counts, revenue and the three rates. */
  private static SerializableFunction<Iterable<FunnelRow>, Void> onlyRow(
      FunnelRow expectedRow, Double viewToCart, Double cartToPurchase, Double conversion) {
    // Model types are not Serializable: the check carries the expected row encoded.
    byte[] encoded = encode(expectedRow);
    return rows -> {
      FunnelRow expected = decode(encoded);
      List<FunnelRow> list = new ArrayList<>();
      rows.forEach(list::add);
      assertThat(list, is(List.of(expected)));
      FunnelCounts c = list.get(0).counts();
      assertThat("revenue", c.revenueCents(), is(expected.counts().revenueCents()));
      assertThat("view_to_cart", c.viewToCartRate(), is(viewToCart));
      assertThat("cart_to_purchase", c.cartToPurchaseRate(), is(cartToPurchase));
      assertThat("conversion", c.conversionRate(), is(conversion));
      return null;
    };
  }

  private static byte[] encode(FunnelRow row) {
    try {
      return CoderUtils.encodeToByteArray(FunnelRowCoder.of(), row);
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FunnelRow decode(byte[] bytes) {
    try {
      return CoderUtils.decodeFromByteArray(FunnelRowCoder.of(), bytes);
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void onTimeEventsGiveOneOnTimePanePerBrandWithExactCountsRevenueAndRates() {
    TestStream<ClickEvent> events = TestStream.create(ClickEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(EventType.VIEW, "apple", 77674, min(1)),
            event(EventType.VIEW, "apple", 77674, min(2)),
            event(EventType.VIEW, "apple", 77674, min(3)),
            event(EventType.CART, "apple", 77674, min(4)),
            event(EventType.CART, "apple", 77674, min(5)),
            event(EventType.PURCHASE, "apple", 77674, min(6)),
            event(EventType.VIEW, null, 999, min(7)))
        .addElements(event(EventType.REMOVE_FROM_CART, "apple", 77674, min(50)))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows = brandFunnel(p, events, WindowFunnel.NO_EARLY_FIRINGS);

    FunnelRow apple = row("apple", FunnelCounts.of(3, 2, 1, 1, 77674), "ON_TIME", 0);
    FunnelRow noBrand = row(null, FunnelCounts.of(1, 0, 0, 0, 0), "ON_TIME", 0);
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder(apple, noBrand);
    PAssert.that(rows).inEarlyPane(WINDOW).empty();
    PAssert.that(rows).inLatePane(WINDOW).empty();
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(apple, noBrand);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(all -> {
      for (FunnelRow r : all) {
        FunnelCounts c = r.counts();
        if ("apple".equals(r.key())) {
          assertThat(c.revenueCents(), is(77674L));
          assertThat(c.viewToCartRate(), is(2.0 / 3.0));
          assertThat(c.cartToPurchaseRate(), is(0.5));
          assertThat(c.conversionRate(), is(1.0 / 3.0));
        } else {
          assertThat("missing brand is its own NULL group", r.key(), is(nullValue()));
          assertThat(c.viewToCartRate(), is(0.0));
          assertThat(c.cartToPurchaseRate(), is(nullValue()));
          assertThat(c.conversionRate(), is(0.0));
        }
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void earlySpeculativePaneHasPartialTotalsAndOnTimePaneAccumulatesTheRest() {
    TestStream<ClickEvent> events = TestStream.create(ClickEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(EventType.VIEW, "apple", 1000, min(1)),
            event(EventType.VIEW, "apple", 1000, min(2)))
        .advanceProcessingTime(EARLY_DELAY.plus(Duration.standardSeconds(1)))
        .addElements(
            event(EventType.CART, "apple", 1000, min(10)),
            event(EventType.PURCHASE, "apple", 1000, min(11)))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows = brandFunnel(p, events, EARLY_DELAY);

    FunnelRow early = row("apple", FunnelCounts.of(2, 0, 0, 0, 0), "EARLY", 0);
    FunnelRow onTime = row("apple", FunnelCounts.of(2, 1, 0, 1, 1000), "ON_TIME", 1);
    PAssert.that(rows).inEarlyPane(WINDOW).satisfies(onlyRow(early, 0.0, null, 0.0));
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(onlyRow(onTime, 0.5, 1.0, 0.5));
    PAssert.that(rows).inLatePane(WINDOW).empty();
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(early, onTime);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void unobservablyLateEventBehindTheWatermarkButBeforeTheWindowFiresIsCountedOnTime() {
    TestStream<ClickEvent> events = TestStream.create(ClickEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(EventType.VIEW, "apple", 500, min(45)))
        .advanceWatermarkTo(T0.plus(min(50)))
        // Behind the watermark (t+10m < t+50m), but the window has not fired yet.
        .addElements(event(EventType.PURCHASE, "apple", 500, min(10)))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows = brandFunnel(p, events, WindowFunnel.NO_EARLY_FIRINGS);

    FunnelRow onTime = row("apple", FunnelCounts.of(1, 0, 0, 1, 500), "ON_TIME", 0);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(onlyRow(onTime, 0.0, null, 1.0));
    PAssert.that(rows).inLatePane(WINDOW).empty();
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void observablyLateEventsWithinAllowedLatenessGiveLatePanesWithAccumulatedTotals() {
    TestStream<ClickEvent> events = TestStream.create(ClickEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(EventType.VIEW, "apple", 400, min(5)),
            event(EventType.VIEW, "apple", 400, min(6)),
            event(EventType.CART, "apple", 400, min(7)))
        .advanceWatermarkTo(WINDOW.end().plus(min(5)))        // ON_TIME pane fires
        .addElements(event(EventType.PURCHASE, "apple", 250, min(20)))   // late, within lateness
        .advanceWatermarkTo(WINDOW.end().plus(min(30)))
        .addElements(event(EventType.PURCHASE, "apple", 135, min(30)))   // late again
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows = brandFunnel(p, events, WindowFunnel.NO_EARLY_FIRINGS);

    FunnelRow onTime = row("apple", FunnelCounts.of(2, 1, 0, 0, 0), "ON_TIME", 0);
    FunnelRow late1 = row("apple", FunnelCounts.of(2, 1, 0, 1, 250), "LATE", 1);
    FunnelRow late2 = row("apple", FunnelCounts.of(2, 1, 0, 2, 385), "LATE", 2);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(onlyRow(onTime, 0.5, 0.0, 0.0));
    PAssert.that(rows).inLatePane(WINDOW).containsInAnyOrder(late1, late2);
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime, late1, late2);
    PAssert.that(rows).inLatePane(WINDOW).satisfies(late -> {
      for (FunnelRow r : late) {
        FunnelCounts c = r.counts();
        assertThat(c.viewToCartRate(), is(0.5));
        assertThat(c.cartToPurchaseRate(), is((double) c.purchases()));
        assertThat(c.conversionRate(), is(c.purchases() / 2.0));
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void droppablyLateEventBeyondAllowedLatenessIsNotCountedInAnyPane() {
    IntervalWindow laterWindow = new IntervalWindow(T0.plus(Duration.standardHours(3)), HOUR);
    TestStream<ClickEvent> events = TestStream.create(ClickEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(EventType.VIEW, "apple", 700, min(15)))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))                  // ON_TIME pane fires
        .advanceWatermarkTo(WINDOW.end().plus(LATENESS).plus(min(1)))   // window expires
        .addElements(
            event(EventType.PURCHASE, "apple", 99_999, min(30)),         // droppably late
            event(EventType.VIEW, "apple", 700, Duration.standardHours(3).plus(min(30))))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows = brandFunnel(p, events, WindowFunnel.NO_EARLY_FIRINGS);

    FunnelRow onTime = row("apple", FunnelCounts.of(1, 0, 0, 0, 0), "ON_TIME", 0);
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime);
    PAssert.that(rows).inLatePane(WINDOW).empty();
    // The stream goes on: a control event in a later window is counted, the dropped one nowhere.
    FunnelRow control = FunnelRow.of(laterWindow.start().getMillis(), laterWindow.end().getMillis(),
        "apple", FunnelCounts.of(1, 0, 0, 0, 0), PaneFacts.of("ON_TIME", 0, true));
    PAssert.that(rows).inWindow(laterWindow).containsInAnyOrder(control);
    PAssert.that(rows).satisfies(all -> {
      for (FunnelRow r : all) {
        assertThat("no pane counts the dropped purchase: " + r, r.counts().purchases(), is(0L));
        assertThat(r.counts().revenueCents(), is(0L));
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void windowWithoutViewsHasNullViewToCartAndConversionRates() {
    TestStream<ClickEvent> events = TestStream.create(ClickEventCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(EventType.CART, "samsung", 12_000, min(1)),
            event(EventType.CART, "samsung", 12_000, min(2)),
            event(EventType.CART, "samsung", 12_000, min(3)),
            event(EventType.CART, "samsung", 12_000, min(4)),
            event(EventType.PURCHASE, "samsung", 12_000, min(5)))
        .advanceWatermarkTo(WINDOW.end().plus(min(1)))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    PCollection<FunnelRow> rows = brandFunnel(p, events, WindowFunnel.NO_EARLY_FIRINGS);

    FunnelRow onTime = row("samsung", FunnelCounts.of(0, 4, 0, 1, 12_000), "ON_TIME", 0);
    PAssert.that(rows).inOnTimePane(WINDOW).satisfies(onlyRow(onTime, null, 0.25, null));
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder(onTime);
    p.run().waitUntilFinish();
  }
}
