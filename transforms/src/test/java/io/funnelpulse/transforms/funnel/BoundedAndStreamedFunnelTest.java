package io.funnelpulse.transforms.funnel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same records through the job's funnel branch ({@link JobFunnel}), as a bounded collection and as
 * an out-of-order stream with early and late panes, give the same latest row per (window, key), equal
 * to totals computed in plain Java; for every dimension.
 */
class BoundedAndStreamedFunnelTest {
  private static final Instant T0 = Instant.parse("2019-11-08T08:00:00Z");
  private static final Duration HOUR = Duration.standardHours(1);
  private static final String[] BRANDS = {"apple", "samsung", null};
  private static final String[] CATEGORIES = {"electronics.smartphone", null};

  private static final DateTimeFormatter REES46_TIME = DateTimeFormat.forPattern("yyyy-MM-dd HH:mm:ss").withZoneUTC();

  /** 60 events over three hours, in a shuffled-looking but deterministic order. */
  private static List<TimestampedValue<ClickEvent>> events() {
    List<TimestampedValue<ClickEvent>> out = new ArrayList<>();
    EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.CART,
        EventType.REMOVE_FROM_CART, EventType.PURCHASE};
    for (int i = 0; i < 60; i++) {
      int j = (i * 37) % 60; // a permutation of 0..59
      Instant at = T0.plus(Duration.standardMinutes(3L * j));
      ClickEvent e = ClickEvent.builder(types[j % types.length], at.getMillis())
          .brand(BRANDS[j % BRANDS.length]).categoryCode(CATEGORIES[j % CATEGORIES.length])
          .priceCents(100L + j).productId("p" + j).build();
      out.add(TimestampedValue.of(e, at));
    }
    return out;
  }

  /** The events as the REES46 CSV lines the job reads, timestamped with their event time. */
  private static List<TimestampedValue<RawRecord>> records() {
    List<TimestampedValue<RawRecord>> out = new ArrayList<>();
    for (TimestampedValue<ClickEvent> tv : events()) {
      ClickEvent e = tv.getValue();
      String line = REES46_TIME.print(e.eventTimeMillis()) + " UTC," + e.eventType().code() + ","
          + e.productId() + ",2053013555631882655," + (e.categoryCode() == null ? "" : e.categoryCode()) + ","
          + (e.brand() == null ? "" : e.brand()) + "," + (e.priceCents() / 100) + "." + String.format("%02d", e.priceCents() % 100)
          + ",512475445,9b7b5e6f-1c16-4f3d-8b4f-2f0c6c9a1e01";
      out.add(TimestampedValue.of(RawRecord.of(line, "generated", out.size()), tv.getTimestamp()));
    }
    return out;
  }

  /** Plain-Java totals per "windowStart|key". */
  private static Map<String, FunnelCounts> expectedTotals(FunnelDimension dimension) {
    Map<String, FunnelCounts> totals = new TreeMap<>();
    for (TimestampedValue<ClickEvent> tv : events()) {
      ClickEvent e = tv.getValue();
      long start = e.eventTimeMillis() - Math.floorMod(e.eventTimeMillis(), HOUR.getMillis());
      totals.computeIfAbsent(start + "|" + dimension.keyOf(e), k -> FunnelCounts.empty())
          .add(e.eventType(), e.priceCents());
    }
    return totals;
  }

  /** Keeps the highest pane index per (window, key), as readers do, and compares with expected. */
  private static SerializableFunction<Iterable<FunnelRow>, Void> latestRowsEqual(
      Map<String, FunnelCounts> expected) {
    Map<String, String> expectedText = new TreeMap<>();
    expected.forEach((k, v) -> expectedText.put(k, v.toString()));
    return rows -> {
      Map<String, FunnelRow> latest = new HashMap<>();
      for (FunnelRow r : rows) {
        assertThat("window is one hour", r.windowEndMillis() - r.windowStartMillis(), is(HOUR.getMillis()));
        latest.merge(r.windowStartMillis() + "|" + r.key(), r,
            (a, b) -> a.pane().index() >= b.pane().index() ? a : b);
      }
      Map<String, String> actual = new TreeMap<>();
      latest.forEach((k, v) -> actual.put(k, v.counts().toString()));
      assertThat(actual, is(expectedText));
      return null;
    };
  }

  private static TestStream<RawRecord> replay() {
    List<TimestampedValue<RawRecord>> all = records();
    TestStream.Builder<RawRecord> b = TestStream.create(RawRecordCoder.of()).advanceWatermarkTo(T0);
    for (int i = 0; i < all.size(); i += 10) {
      for (TimestampedValue<RawRecord> tv : all.subList(i, i + 10)) {
        b = b.addElements(tv);
      }
      b = b.advanceProcessingTime(Duration.standardSeconds(31));
      // The watermark trails the max event time seen so far by 90 minutes: some events come late.
      long maxSeen = all.subList(0, i + 10).stream().mapToLong(tv -> tv.getTimestamp().getMillis())
          .max().getAsLong();
      Instant watermark = new Instant(maxSeen).minus(Duration.standardMinutes(90));
      if (watermark.isAfter(T0)) {
        b = b.advanceWatermarkTo(watermark);
      }
    }
    return b.advanceWatermarkToInfinity();
  }

  private static void assertBoundedAndStreamedAgree(FunnelDimension dimension) {
    Map<String, FunnelCounts> expected = expectedTotals(dimension);
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<FunnelRow> bounded = p
        .apply("Bounded", Create.timestamped(records()).withCoder(RawRecordCoder.of()))
        .apply("FunnelBounded", new JobFunnel(dimension, WindowByEventTime.of(HOUR)))
        .get(JobFunnel.ROWS);
    PCollection<FunnelRow> streamed = p
        .apply("Streamed", replay())
        .apply("FunnelStreamed", new JobFunnel(dimension, WindowByEventTime.<KV<String, FunnelCounts>>of(HOUR)
            .withAllowedLateness(Duration.standardHours(2))
            .withEarlyFiringDelay(Duration.standardSeconds(30))))
        .get(JobFunnel.ROWS);
    PAssert.that(bounded).satisfies(latestRowsEqual(expected));
    PAssert.that(streamed).satisfies(latestRowsEqual(expected));
    PAssert.that(streamed).satisfies(rows -> {
      Set<String> timings = new TreeSet<>();
      rows.forEach(r -> timings.add(r.pane().timing().name()));
      assertThat("the replay exercises early, on-time and late panes", timings,
          is(new TreeSet<>(List.of("EARLY", "LATE", "ON_TIME"))));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void expectedTotalsCoverEveryEventOnce() {
    long events = 0;
    for (FunnelCounts c : expectedTotals(FunnelDimension.NONE).values()) {
      events += c.views() + c.carts() + c.removes() + c.purchases();
    }
    assertThat(events, is(60L));
    assertThat(expectedTotals(FunnelDimension.NONE).size(), is(3));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void boundedRunAndStreamedReplayGiveTheSameLatestRowsByBrand() {
    assertBoundedAndStreamedAgree(FunnelDimension.BRAND);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void boundedRunAndStreamedReplayGiveTheSameLatestRowsByCategory() {
    assertBoundedAndStreamedAgree(FunnelDimension.CATEGORY);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void boundedRunAndStreamedReplayGiveTheSameLatestRowsWithoutDimension() {
    assertBoundedAndStreamedAgree(FunnelDimension.NONE);
  }
}
