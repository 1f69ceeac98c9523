package io.funnelpulse.transforms.funnel;

import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.DAY;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.EARLY_DELAY;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.LINES;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.expectedFailureReasons;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.expectedTotals;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.generated;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.hourly;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.pipeline;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.rawRecords;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.MetricValues;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import io.funnelpulse.transforms.funnel.RawFunnelFixtures.Generated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job's funnel branch ({@link JobFunnel}) over ~200 varied generated lines (CSV and JSON, every
 * event type, brand and failure reason) against plain-Java totals: bounded by brand, by category and
 * without dimension, streamed with early and late panes, and the parse and clean metrics.
 */
class GeneratedLinesFunnelTest {
  // ---------------------------------------------------------------------------------------------
  // Comparing outputs (model types are not Serializable: checks carry plain values)

  /** A stable text of a row: window, key, counts and pane facts. */
  private static String describe(FunnelRow r) {
    FunnelCounts c = r.counts();
    PaneFacts pane = r.pane();
    return r.windowStartMillis() + "|" + r.windowEndMillis() + "|" + r.key() + "|" + c.views() + "/"
        + c.carts() + "/" + c.removes() + "/" + c.purchases() + "/" + c.revenueCents() + "|"
        + pane.timing() + "#" + pane.index() + (pane.isFinal() ? "F" : "");
  }

  /** A stable text of a failure: position, reason, message, source and raw text. */
  private static String describe(FailedRecord f) {
    return f.raw().position() + "|" + f.reason().code() + "|" + f.message() + "|" + f.raw().source() + "|"
        + f.raw().text();
  }

  private static TreeMap<String, Integer> multiset(Iterable<String> all) {
    TreeMap<String, Integer> out = new TreeMap<>();
    for (String text : all) {
      out.merge(text, 1, Integer::sum);
    }
    return out;
  }

  /** The positions and reasons of the failures, each failure once. */
  private static TreeMap<Long, String> reasons(Iterable<String> failures) {
    TreeMap<String, Integer> described = multiset(failures);
    assertThat(described.values(), everyItem(is(1)));
    TreeMap<Long, String> reasons = new TreeMap<>();
    for (String f : described.keySet()) {
      String[] parts = f.split("\\|", 3);
      reasons.put(Long.parseLong(parts[0]), parts[1]);
    }
    return reasons;
  }

  /** Adds the job's funnel branch for {@code dimension} over {@code raw}, and its checks. */
  private static void assertBoundedFunnelIsExact(PCollection<RawRecord> raw, FunnelDimension dimension) {
    String d = dimension.name();
    PCollectionTuple funnel =
        raw.apply("Funnel" + d, new JobFunnel(dimension, hourly(WindowByEventTime.NO_EARLY_FIRINGS)));
    TreeMap<String, String> expected = expectedTotals(dimension);
    PAssert.that(funnel.get(JobFunnel.ROWS).apply("DescribeRows" + d, describeRows())).satisfies(all -> {
      // Bounded input: one ON_TIME pane (index 0) per window and key, with the plain-Java totals.
      TreeMap<String, String> totals = new TreeMap<>();
      for (Map.Entry<String, Integer> e : multiset(all).entrySet()) {
        assertThat("one row per window and key: " + e.getKey(), e.getValue(), is(1));
        String[] parts = e.getKey().split("\\|");
        // Is the ON_TIME pane marked last? Direct batch says no (the lateness is not over when it
        // fires); either way it is the only pane.
        assertThat(e.getKey(), parts[4].matches("ON_TIME#0F?"), is(true));
        String windowKey = parts[0] + "|" + parts[1] + "|" + parts[2];
        assertThat("duplicate window and key " + windowKey, totals.containsKey(windowKey), is(false));
        totals.put(windowKey, parts[3]);
      }
      assertThat(totals, is(expected));
      return null;
    });
    TreeMap<Long, String> expectedReasons = expectedFailureReasons();
    PAssert.that(funnel.get(JobFunnel.FAILED).apply("DescribeFailures" + d, describeFailures()))
        .satisfies(all -> {
          assertThat(reasons(all), is(expectedReasons));
          return null;
        });
  }

  private static MapElements<FunnelRow, String> describeRows() {
    return MapElements.into(TypeDescriptors.strings()).via(GeneratedLinesFunnelTest::describe);
  }

  private static MapElements<FailedRecord, String> describeFailures() {
    return MapElements.into(TypeDescriptors.strings()).via(GeneratedLinesFunnelTest::describe);
  }

  // ---------------------------------------------------------------------------------------------
  // The generated lines and their totals

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void generatedLinesCoverEveryTypeBrandWindowAndFailureReason() {
    List<Generated> all = generated();
    assertThat(all.size(), is(LINES));
    Set<String> typesPerWindow = new TreeSet<>();
    Set<String> brands = new TreeSet<>();
    Set<String> categories = new TreeSet<>();
    Set<FailureReason> reasons = new TreeSet<>();
    int json = 0;
    for (Generated g : all) {
      if (g.failure() != null) {
        reasons.add(g.failure());
        continue;
      }
      typesPerWindow.add(g.eventTime().toString().substring(11, 13) + ":" + g.type());
      brands.add(String.valueOf(g.brandKey()));
      categories.add(String.valueOf(g.categoryKey()));
      json += g.text().startsWith("{") ? 1 : 0;
    }
    for (String h : List.of("10", "11", "12", "13")) {
      for (EventType t : EventType.values()) {
        assertThat(typesPerWindow, hasItems(h + ":" + t.code()));
      }
    }
    assertThat(brands, is(new TreeSet<>(List.of("apple", "null", "runail", "samsung", "xiaomi"))));
    assertThat(categories.size(), is(4));
    assertThat(reasons, is(new TreeSet<>(List.of(FailureReason.MALFORMED_LINE,
        FailureReason.UNKNOWN_EVENT_TYPE, FailureReason.NON_POSITIVE_PRICE, FailureReason.BAD_TIMESTAMP,
        FailureReason.MISSING_PRICE, FailureReason.BAD_PRICE, FailureReason.MISSING_EVENT_TYPE))));
    assertThat(json, greaterThanOrEqualTo(5));
    assertThat(expectedFailureReasons().size(), is(15));
    // 4 hourly windows x 5 brands.
    assertThat(expectedTotals(FunnelDimension.BRAND).size(), is(20));
    assertThat(expectedTotals(FunnelDimension.NONE).size(), is(4));
  }

  /** Parsed, valid, missing-brand and missing-category counts of one run over the generated lines. */
  private static List<Long> qualityCounts() {
    TestPipeline p = pipeline();
    p.apply("Lines", Create.of(rawRecords()).withCoder(RawRecordCoder.of()))
        .apply("Funnel", new JobFunnel(FunnelDimension.BRAND, hourly(WindowByEventTime.NO_EARLY_FIRINGS)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return List.of(
        MetricValues.counterTotal(result, MetricNames.PARSE, MetricNames.PARSED),
        MetricValues.counterTotal(result, MetricNames.CLEAN, MetricNames.VALID),
        MetricValues.counterTotal(result, MetricNames.CLEAN, MetricNames.MISSING_BRAND),
        MetricValues.counterTotal(result, MetricNames.CLEAN, MetricNames.MISSING_CATEGORY),
        MetricValues.counterTotal(result, MetricNames.CLEAN, MetricNames.MISSING_SESSION));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void metricsCountParsedValidAndMissingValues() {
    long parsed = 0;
    long valid = 0;
    long missingBrand = 0;
    long missingCategory = 0;
    for (Generated g : generated()) {
      if (g.failure() != FailureReason.MALFORMED_LINE && g.failure() != FailureReason.BAD_TIMESTAMP) {
        parsed++;
      }
      if (g.failure() == null) {
        valid++;
        missingBrand += g.brandKey() == null ? 1 : 0;
        missingCategory += g.categoryKey() == null ? 1 : 0;
      }
    }
    List<Long> expected = List.of(parsed, valid, missingBrand, missingCategory, 0L);
    assertThat(List.of(parsed, valid), is(List.of(196L, 185L)));
    assertThat(qualityCounts(), is(expected));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void boundedInputGivesPlainJavaTotalsAndFailuresByBrand() {
    TestPipeline p = pipeline();
    PCollection<RawRecord> raw = p.apply("Lines", Create.of(rawRecords()).withCoder(RawRecordCoder.of()));
    assertBoundedFunnelIsExact(raw, FunnelDimension.BRAND);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void boundedInputGivesPlainJavaTotalsAndFailuresByCategoryAndWithoutDimension() {
    TestPipeline p = pipeline();
    PCollection<RawRecord> raw = p.apply("Lines", Create.of(rawRecords()).withCoder(RawRecordCoder.of()));
    assertBoundedFunnelIsExact(raw, FunnelDimension.CATEGORY);
    assertBoundedFunnelIsExact(raw, FunnelDimension.NONE);
    p.run().waitUntilFinish();
  }

  /**
   * The generated lines replayed in bundles of ten, with early firings and a watermark trailing the
   * latest event time by 90 minutes (so some records come late, none beyond the lateness).
   */
  private static TestStream<RawRecord> replay() {
    List<Generated> all = generated();
    TestStream.Builder<RawRecord> b = TestStream.create(RawRecordCoder.of()).advanceWatermarkTo(DAY.plus(
        Duration.standardHours(10)));
    long maxSeen = Long.MIN_VALUE;
    for (int i = 0; i < all.size(); i += 10) {
      List<TimestampedValue<RawRecord>> bundle = new ArrayList<>();
      for (Generated g : all.subList(i, Math.min(i + 10, all.size()))) {
        // A line without a valid event time still carries the time it would have had (its arrival).
        bundle.add(TimestampedValue.of(RawRecord.of(g.text(), "topic-0", g.position()), g.eventTime()));
        maxSeen = Math.max(maxSeen, g.eventTime().getMillis());
      }
      b = b.addElements(bundle.get(0), bundle.subList(1, bundle.size()).toArray(new TimestampedValue[0]));
      b = b.advanceProcessingTime(Duration.standardSeconds(31));
      Instant watermark = new Instant(maxSeen).minus(Duration.standardMinutes(90));
      if (watermark.isAfter(DAY.plus(Duration.standardHours(10)))) {
        b = b.advanceWatermarkTo(watermark);
      }
    }
    return b.advanceWatermarkToInfinity();
  }

  /** Keeps the highest pane index per (window, key), as readers do. */
  private static TreeMap<String, String> latest(TreeMap<String, Integer> described) {
    Map<String, Long> bestIndex = new HashMap<>();
    TreeMap<String, String> out = new TreeMap<>();
    for (String row : described.keySet()) {
      String[] parts = row.split("\\|");
      String windowKey = parts[0] + "|" + parts[1] + "|" + parts[2];
      long index = Long.parseLong(parts[4].substring(parts[4].indexOf('#') + 1).replace("F", ""));
      if (!bestIndex.containsKey(windowKey) || bestIndex.get(windowKey) < index) {
        bestIndex.put(windowKey, index);
        out.put(windowKey, parts[3]);
      }
    }
    return out;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void streamedReplayWithEarlyAndLatePanesEndsAtPlainJavaTotalsAndFailures() {
    TestPipeline p = pipeline();
    PCollectionTuple funnel = p.apply("Replay", replay())
        .apply("Funnel", new JobFunnel(FunnelDimension.BRAND, hourly(EARLY_DELAY)));
    TreeMap<String, String> expected = expectedTotals(FunnelDimension.BRAND);
    PAssert.that(funnel.get(JobFunnel.ROWS).apply("DescribeRows", describeRows())).satisfies(all -> {
      TreeMap<String, Integer> rows = multiset(all);
      assertThat("every pane once", rows.values(), everyItem(is(1)));
      assertThat("latest rows equal plain-Java totals", latest(rows), is(expected));
      Set<String> timings = new TreeSet<>();
      for (String r : rows.keySet()) {
        timings.add(r.split("\\|")[4].replaceAll("#.*", ""));
      }
      assertThat("the replay exercises early, on-time and late panes", timings,
          is(new TreeSet<>(List.of("EARLY", "LATE", "ON_TIME"))));
      return null;
    });
    TreeMap<Long, String> expectedReasons = expectedFailureReasons();
    PAssert.that(funnel.get(JobFunnel.FAILED).apply("DescribeFailures", describeFailures())).satisfies(all -> {
      assertThat(reasons(all), is(expectedReasons));
      return null;
    });
    p.run().waitUntilFinish();
  }
}
