package io.funnelpulse.transforms.visitors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.aggregate.PerWindowMap;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.transforms.pageviews.CountPageViews;
import io.funnelpulse.transforms.pageviews.PageViewPartials;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Visitors, page views and Top-N per pane on the Direct runner, driven by TestStreams of raw REES46
 * lines: on-time panes, a late event within the allowed lateness updating UV, PV and the ranking in a
 * LATE pane (each pane restates the whole window, as accumulating panes do), a droppably late event changing nothing, windows with no views ranking nothing, and the
 * daily rollup of the hourly sketches.
 */
class VisitorsAndPageViewsPanesTest {
  private static final Duration HOUR = Duration.standardHours(1);
  private static final Duration LATENESS = Duration.standardHours(2);
  private static final Instant T0 = Instant.parse("2019-10-01T10:00:00Z");
  private static final IntervalWindow WINDOW = new IntervalWindow(T0, HOUR);
  private static final IntervalWindow NEXT = new IntervalWindow(WINDOW.end(), HOUR);
  private static final DateTimeFormatter TIME = DateTimeFormat.forPattern("yyyy-MM-dd HH:mm:ss").withZoneUTC();
  private static final int LG_K = 12;

  /** A REES46 line at T0 + minutes for a user, session and product, timestamped at its event time. */
  private static TimestampedValue<RawRecord> click(
      long position, String type, String product, String brand, String user, String session, long minutes) {
    Instant at = T0.plus(Duration.standardMinutes(minutes));
    String line = String.join(",", TIME.print(at) + " UTC", type, product, "1487580005134238553", "",
        brand, "9.99", user, session);
    return TimestampedValue.of(RawRecord.of(line, "test-stream", position), at);
  }

  /** What the pipeline under test produces. */
  private static final class Outputs {
    final PCollection<WindowRow<String, VisitorSketches>> visitors;
    final PCollection<WindowRow<String, VisitorSketches>> brandVisitors;
    final PCollection<WindowRow<String, Long>> pageViews;
    final PCollection<WindowRow<Integer, KV<String, Long>>> top;

    Outputs(PCollection<RawRecord> raw, int topN) {
      PerWindowMap<String, VisitorSketches> perWindow =
          PerWindowMap.of(VisitorPartials.by(FunnelDimension.NONE, LG_K, true));
      PerWindowMap<String, VisitorSketches> perBrand =
          PerWindowMap.of(VisitorPartials.by(FunnelDimension.BRAND, LG_K, true));
      PerWindowMap<String, Long> views = PerWindowMap.of(PageViewPartials.perProduct());
      PCollectionTuple partials = raw.apply(
          PreAggregate.of(InputFormat.AUTO, HOUR).with(perWindow).with(perBrand).with(views));
      visitors = partials.get(perWindow.tag()).apply("Visitors", CountVisitors.windowedBy(hourly()));
      brandVisitors = partials.get(perBrand.tag()).apply("BrandVisitors", CountVisitors.windowedBy(hourly()));
      PCollectionTuple viewRows =
          partials.get(views.tag()).apply("PageViews", CountPageViews.withTop(topN).windowedBy(hourly()));
      pageViews = viewRows.get(CountPageViews.PAGE_VIEWS);
      top = viewRows.get(CountPageViews.TOP_PRODUCTS);
    }
  }

  private static <T> WindowByEventTime<T> hourly() {
    return WindowByEventTime.<T>of(HOUR).withAllowedLateness(LATENESS);
  }

  /** "key=estimate/exact|timing" per visitor row, estimates rounded (exact below 100 visitors). */
  private static PCollection<String> visitorFacts(String name, PCollection<WindowRow<String, VisitorSketches>> rows) {
    return rows.apply(name, MapElements.into(TypeDescriptors.strings()).via((WindowRow<String, VisitorSketches> r) ->
        r.key() + "=" + Math.round(r.value().visitors()) + "/" + r.value().exactVisitors() + "/"
            + Math.round(r.value().sessions()) + "|" + r.pane().timing()));
  }

  private static PCollection<String> pageViewFacts(String name, PCollection<WindowRow<String, Long>> rows) {
    return rows.apply(name, MapElements.into(TypeDescriptors.strings()).via((WindowRow<String, Long> r) ->
        r.key() + "=" + r.value() + "|" + r.pane().timing()));
  }

  private static PCollection<String> topFacts(String name, PCollection<WindowRow<Integer, KV<String, Long>>> rows) {
    return rows.apply(name, MapElements.into(TypeDescriptors.strings()).via((WindowRow<Integer, KV<String, Long>> r) ->
        r.key() + ":" + r.value().getKey() + "=" + r.value().getValue() + "|" + r.pane().timing()));
  }

  private static TestPipeline pipeline() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(false);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void lateEventUpdatesVisitorsPageViewsAndRankingInALatePaneAndDroppableOneChangesNothing() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            click(1, "view", "p1", "apple", "u1", "s1", 1),
            click(2, "view", "p1", "apple", "u1", "s1", 2),
            click(3, "view", "p2", "samsung", "u2", "s2", 3))
        .addElements(
            click(4, "cart", "p2", "samsung", "u3", "s3", 4),        // a visitor, not a page view
            click(5, "view", "p3", "apple", "u2", "s4", 5))
        .advanceWatermarkTo(WINDOW.end().plus(Duration.standardMinutes(1)))     // ON_TIME
        .addElements(                                                          // late, within lateness
            click(6, "view", "p2", "samsung", "u4", "s5", 30),
            click(7, "view", "p2", "samsung", "u4", "s5", 31))
        .advanceWatermarkTo(WINDOW.end().plus(LATENESS).plus(Duration.standardMinutes(5)))
        .addElements(click(8, "view", "p9", "apple", "u9", "s9", 40))         // droppable: window expired
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    Outputs out = new Outputs(p.apply(records), 2);

    PAssert.that(visitorFacts("VisitorFacts", out.visitors)).inWindow(WINDOW)
        .containsInAnyOrder("null=3/3/4|ON_TIME", "null=4/4/5|LATE");
    PAssert.that(visitorFacts("BrandVisitorFacts", out.brandVisitors)).inOnTimePane(WINDOW)
        .containsInAnyOrder("apple=2/2/2|ON_TIME", "samsung=2/2/2|ON_TIME");
    PAssert.that(visitorFacts("LateBrandVisitorFacts", out.brandVisitors)).inLatePane(WINDOW)
        .containsInAnyOrder("apple=2/2/2|LATE", "samsung=3/3/3|LATE");   // a pane restates the window
    PAssert.that(pageViewFacts("PageViewFacts", out.pageViews)).inWindow(WINDOW)
        .containsInAnyOrder("p1=2|ON_TIME", "p2=1|ON_TIME", "p3=1|ON_TIME", "p1=2|LATE", "p2=3|LATE", "p3=1|LATE");
    PAssert.that(topFacts("TopFacts", out.top)).inWindow(WINDOW)
        .containsInAnyOrder("1:p1=2|ON_TIME", "2:p2=1|ON_TIME", "1:p2=3|LATE", "2:p1=2|LATE");
    PAssert.that(out.pageViews).inWindow(NEXT).empty();
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void windowsWithoutViewsRankNothingAndShortWindowsRankWhatTheyHave() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            click(1, "cart", "p1", "apple", "u1", "s1", 1),          // first window: no views
            click(2, "purchase", "p1", "apple", "u1", "s1", 2),
            click(3, "view", "p7", "apple", "u2", "s2", 70),          // next window: two products, tied
            click(4, "view", "p5", "apple", "u3", "s3", 75))
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    Outputs out = new Outputs(p.apply(records), 10);

    PAssert.that(out.top).inWindow(WINDOW).empty();
    PAssert.that(out.pageViews).inWindow(WINDOW).empty();
    PAssert.that(topFacts("TopFacts", out.top)).inWindow(NEXT)
        .containsInAnyOrder("1:p5=1|ON_TIME", "2:p7=1|ON_TIME");
    PAssert.that(visitorFacts("VisitorFacts", out.visitors)).inWindow(WINDOW)
        .containsInAnyOrder("null=1/1/1|ON_TIME");
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void dailyRollupOfHourlySketchesCountsReturningVisitorsOnceEvenWithRepeatedPanes() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            click(1, "view", "p1", "apple", "u1", "s1", 1),
            click(2, "view", "p1", "apple", "u2", "s2", 2))
        .advanceWatermarkTo(WINDOW.end().plus(Duration.standardMinutes(1)))
        .addElements(
            click(3, "view", "p1", "apple", "u1", "s3", 65),          // u1 returns next hour
            click(4, "view", "p1", "apple", "u3", "s4", 66),
            click(5, "view", "p1", "apple", "u2", "s2", 30))          // late for the first hour
        .advanceWatermarkToInfinity();
    TestPipeline p = pipeline();
    Outputs out = new Outputs(p.apply(records), 10);
    PCollection<WindowRow<String, VisitorSketches>> daily = out.visitors.apply("RollupDaily",
        RollupVisitors.into(WindowByEventTime.<KV<Long, Map<String, VisitorSketches>>>of(Duration.standardDays(1))
            .withAllowedLateness(LATENESS)));
    IntervalWindow day = new IntervalWindow(Instant.parse("2019-10-01T00:00:00Z"), Duration.standardDays(1));
    long dayStart = day.start().getMillis();
    PAssert.that(daily).inFinalPane(day).satisfies(rows -> {
      int count = 0;
      for (WindowRow<String, VisitorSketches> row : rows) {
        count++;
        assertThat(row.value().exactVisitors(), is(3L));
        assertThat(Math.round(row.value().visitors()), is(3L));
        assertThat(row.value().exactSessions(), is(4L));
        assertThat(row.windowStartMillis(), is(dayStart));
      }
      assertThat(count, is(1));
      return null;
    });
    p.run().waitUntilFinish();
  }
}
