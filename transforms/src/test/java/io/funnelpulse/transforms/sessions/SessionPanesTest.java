package io.funnelpulse.transforms.sessions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionRow;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
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
 * The session funnels as the job computes them ({@code PreAggregate} with {@link SessionRunPartials},
 * then {@link SessionFunnels}: session windows, ledger, hourly groups), driven by a TestStream of raw
 * REES46 lines and asserted on the rows written and on their final views (the latest version per
 * session and brand, superseded ones left out; the latest per hour and brand with sessions): a session
 * closing after the gap, a late event extending a session in a LATE version, a late event bridging two
 * sessions into one counted once, a droppably late event going to the dead letters, and the order of
 * the steps (a cart before any view is not carted; a purchase without a cart).
 */
class SessionPanesTest {
  private static final Instant T0 = Instant.parse("2019-10-01T10:00:00Z");
  private static final Duration GAP = Duration.standardMinutes(30);
  private static final Duration HOUR = Duration.standardHours(1);
  private static final Duration LATENESS = Duration.standardHours(2);
  private static final DateTimeFormatter TIME = DateTimeFormat.forPattern("yyyy-MM-dd HH:mm:ss").withZoneUTC();

  /** A line of session {@code session} of user 7 at T0 + {@code minutes}, stamped {@code stampMinutes}. */
  private static TimestampedValue<RawRecord> event(
      long position, String session, String type, String brand, String price, long minutes, long stampMinutes) {
    String line = TIME.print(T0.plus(Duration.standardMinutes(minutes))) + " UTC," + type + ",1004259,2053013555631882655,,"
        + (brand == null ? "" : brand) + "," + price + ",7," + (session == null ? "" : session);
    return TimestampedValue.of(RawRecord.of(line, "test", position), T0.plus(Duration.standardMinutes(stampMinutes)));
  }

  private static TimestampedValue<RawRecord> event(
      long position, String session, String type, String brand, String price, long minutes) {
    return event(position, session, type, brand, price, minutes, minutes);
  }

  private static Instant at(long minutes) {
    return T0.plus(Duration.standardMinutes(minutes));
  }

  private static PCollectionTuple sessionFunnels(TestPipeline p, TestStream<RawRecord> records) {
    SessionRunPartials runs = SessionRunPartials.withGap(GAP);
    PCollectionTuple partials = p.apply(records)
        .apply("ParseCleanAndPreAggregate", PreAggregate.of(InputFormat.AUTO, HOUR).with(runs));
    PCollectionTuple out = partials.get(runs.tag()).apply("SessionFunnels",
        SessionFunnels.withGap(GAP).rolledUpBy(HOUR).withAllowedLateness(SessionFunnels.latenessFor(HOUR, LATENESS)));
    return out.and(PreAggregate.FAILED, partials.get(PreAggregate.FAILED));
  }

  /** "key|start minute|brand|steps|events|timing#version[|superseded]" of each sessions row. */
  private static PCollection<String> sessionRows(PCollectionTuple out) {
    return out.get(SessionFunnels.SESSIONS).apply("DescribeSessions", MapElements.into(TypeDescriptors.strings())
        .via((WindowRow<String, SessionRow> row) -> {
          SessionRow v = row.value();
          String steps = (v.viewed() ? "V" : "-") + (v.carted() ? "C" : "-") + (v.purchased() ? "P" : "-")
              + (v.purchasedWithoutCart() ? "!" : "") + " " + v.revenueCents() + "c";
          return v.sessionKey() + "|" + (row.windowStartMillis() - T0.getMillis()) / 60_000 + "|" + row.key() + "|"
              + steps + "|" + v.events() + "|" + row.pane().timing() + "#" + row.pane().index()
              + (v.superseded() ? "|superseded" : "");
        }));
  }

  /** "hour|brand|sessions/viewed/carted/purchased/withoutCart|revenue|pane" of each hourly row. */
  private static PCollection<String> hourlyRows(PCollectionTuple out) {
    return out.get(SessionFunnels.HOURLY).apply("DescribeHourly", MapElements.into(TypeDescriptors.strings())
        .via((WindowRow<String, SessionFunnelCounts> row) -> {
          SessionFunnelCounts c = row.value();
          return new Instant(row.windowStartMillis()).toDateTime(org.joda.time.DateTimeZone.UTC).getHourOfDay() + "|"
              + row.key() + "|" + c.sessions() + "/" + c.viewed() + "/" + c.carted() + "/" + c.purchased() + "/"
              + c.purchasedWithoutCart() + "|" + c.revenueCents() + "|" + row.pane().index();
        }));
  }

  /** The final view of described session rows: the latest version per session and brand, not superseded. */
  private static List<String> finalSessions(Iterable<String> rows) {
    Map<String, String[]> latest = new TreeMap<>();
    for (String row : rows) {
      String[] f = row.split("\\|");
      String id = f[0] + "|" + f[1] + "|" + f[2];
      String[] seen = latest.get(id);
      if (seen == null || version(f) > version(seen)) {
        latest.put(id, f);
      }
    }
    List<String> view = new ArrayList<>();
    latest.values().forEach(f -> {
      if (f.length < 7) {
        view.add(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4]);
      }
    });
    return view;
  }

  /** The final view of described hourly rows: the latest pane per hour and brand, with sessions. */
  private static List<String> finalHourly(Iterable<String> rows) {
    Map<String, String[]> latest = new TreeMap<>();
    for (String row : rows) {
      String[] f = row.split("\\|");
      String id = f[0] + "|" + f[1];
      if (!latest.containsKey(id) || Long.parseLong(f[4]) > Long.parseLong(latest.get(id)[4])) {
        latest.put(id, f);
      }
    }
    List<String> view = new ArrayList<>();
    latest.values().forEach(f -> {
      if (!f[2].startsWith("0/")) {
        view.add(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3]);
      }
    });
    return view;
  }

  private static long version(String[] f) {
    return Long.parseLong(f[5].substring(f[5].indexOf('#') + 1));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aSessionClosesAfterTheGapAndEventsExactlyTheGapApartStayInOne() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "s1", "view", "apple", "10.00", 0), event(2, "s1", "cart", "apple", "10.00", 30))
        .addElements(event(3, "s1", "purchase", "apple", "10.00", 61))   // 31 min after the cart: a new session
        .addElements(event(4, "s2", "view", "apple", "10.00", 5))
        .advanceWatermarkToInfinity();
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = sessionFunnels(p, records);
    PAssert.that(sessionRows(out)).containsInAnyOrder(
        "s1|0|apple|VC- 0c|2|ON_TIME#0",
        "s1|61|apple|---! 1000c|1|ON_TIME#0",
        "s2|5|apple|V-- 0c|1|ON_TIME#0");
    PAssert.that(hourlyRows(out)).satisfies(rows -> {
      assertThat(finalHourly(rows), containsInAnyOrder("10|apple|2/2/1/0/0|0", "11|apple|1/0/0/0/1|1000"));
      return null;
    });
    PAssert.that(out.get(PreAggregate.FAILED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aLateEventWithinTheLatenessExtendsItsSessionInALateVersion() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "s1", "view", "samsung", "5.00", 0), event(2, "s1", "cart", "samsung", "5.00", 10))
        .advanceWatermarkTo(at(90))                                     // the session [10:00, 10:40] fires
        .addElements(event(3, "s1", "purchase", "samsung", "5.00", 25))  // late, inside the session
        .advanceWatermarkTo(at(120))
        .addElements(event(4, "s1", "view", "samsung", "5.00", 35))      // late, extends it to 10:35
        .advanceWatermarkToInfinity();
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = sessionFunnels(p, records);
    PAssert.that(sessionRows(out)).containsInAnyOrder(
        "s1|0|samsung|VC- 0c|2|ON_TIME#0",
        "s1|0|samsung|VCP 500c|3|LATE#1",
        "s1|0|samsung|VCP 500c|4|LATE#2");
    PAssert.that(hourlyRows(out)).containsInAnyOrder(
        "10|samsung|1/1/1/0/0|0|0", "10|samsung|1/1/1/1/0|500|1");      // the view adds no step: no new pane
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aLateEventBridgingTwoSessionsMergesThemAndTheHourlyFinalViewCountsOne() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "s1", "view", "xiaomi", "3.00", 0), event(2, "s1", "cart", "xiaomi", "3.00", 10))
        .addElements(event(3, "s1", "purchase", "xiaomi", "3.00", 70))   // 60 min later: a second session
        .advanceWatermarkTo(at(150))                                      // both fire
        .addElements(event(4, "s1", "view", "xiaomi", "3.00", 40))        // late: within 30 min of both
        .advanceWatermarkToInfinity();
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = sessionFunnels(p, records);
    PAssert.that(sessionRows(out)).satisfies(rows -> {
      List<String> all = new ArrayList<>();
      rows.forEach(all::add);
      assertThat(all, containsInAnyOrder(
          "s1|0|xiaomi|VC- 0c|2|ON_TIME#0",
          "s1|70|xiaomi|---! 300c|1|ON_TIME#0",
          "s1|0|xiaomi|VCP 300c|4|LATE#1",
          "s1|70|xiaomi|---! 300c|1|LATE#1|superseded"));
      assertThat(finalSessions(rows), containsInAnyOrder("s1|0|xiaomi|VCP 300c|4"));
      return null;
    });
    PAssert.that(hourlyRows(out)).satisfies(rows -> {
      assertThat(finalHourly(rows), containsInAnyOrder("10|xiaomi|1/1/1/1/0|300"));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aDroppablyLateEventIsNotCountedAndGoesToTheDeadLettersAsTooLate() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(event(1, "s1", "view", "apple", "10.00", 0))
        .advanceWatermarkTo(at(4 * 60))                                   // 14:00: the 10:00 hour is past lateness
        // a source stamps a record that is too late for its window at its watermark
        .addElements(event(2, "s1", "cart", "apple", "10.00", 5, 4 * 60))
        .advanceWatermarkToInfinity();
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = sessionFunnels(p, records);
    PAssert.that(sessionRows(out)).containsInAnyOrder("s1|0|apple|V-- 0c|1|ON_TIME#0");
    PAssert.that(hourlyRows(out)).containsInAnyOrder("10|apple|1/1/0/0/0|0|0");
    PAssert.that(out.get(PreAggregate.FAILED).apply("Reasons", MapElements.into(TypeDescriptors.strings())
        .via((FailedRecord f) -> f.raw().position() + "|" + f.reason().code()))).containsInAnyOrder("2|too_late");
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCartBeforeAnyViewIsNotCartedAndAPurchaseWithoutACountedCartIsMarked() {
    TestStream<RawRecord> records = TestStream.create(RawRecordCoder.of())
        .advanceWatermarkTo(T0)
        .addElements(
            event(1, "s1", "cart", "apple", "10.00", 0),          // before the view: not counted
            event(2, "s1", "view", "apple", "10.00", 5),
            event(3, "s1", "purchase", "apple", "10.00", 6),      // no counted cart before it
            event(4, "s1", "view", null, "2.50", 7),              // the missing brand is a brand of its own
            event(5, "s1", "cart", null, "2.50", 7),              // same time as the view: in order
            event(6, "s1", "purchase", null, "2.50", 7),
            event(7, null, "view", "apple", "10.00", 8))          // no session id: sessionized by its user
        .advanceWatermarkToInfinity();
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = sessionFunnels(p, records);
    PAssert.that(sessionRows(out)).containsInAnyOrder(
        "s1|0|apple|V--! 1000c|6|ON_TIME#0",
        "s1|0|null|VCP 250c|6|ON_TIME#0",
        "user:7|8|apple|V-- 0c|1|ON_TIME#0");
    PAssert.that(hourlyRows(out)).satisfies(rows -> {
      assertThat(finalHourly(rows), containsInAnyOrder("10|apple|2/2/0/0/1|1000", "10|null|1/1/1/1/0|250"));
      return null;
    });
    p.run().waitUntilFinish();
  }
}
