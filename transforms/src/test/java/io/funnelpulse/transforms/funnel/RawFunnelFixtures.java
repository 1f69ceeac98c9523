package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * Shared fixtures of the funnel tests: hourly windows with their lateness and early-firing delay, raw
 * REES46 lines for hand-written streams, ~200 generated lines with their plain-Java expected totals and
 * failure reasons, and the job's funnel branch over them ({@link JobFunnel}).
 */
final class RawFunnelFixtures {
  static final Duration HOUR = Duration.standardHours(1);
  static final Duration LATENESS = Duration.standardHours(2);
  static final Duration EARLY_DELAY = Duration.standardSeconds(30);
  static final Instant T0 = Instant.parse("2019-10-01T10:00:00Z");
  static final IntervalWindow WINDOW = new IntervalWindow(T0, HOUR);
  static final long START = WINDOW.start().getMillis();
  static final long END = WINDOW.end().getMillis();
  static final String SOURCE = "test-stream";
  static final DateTimeFormatter REES46_TIME =
      DateTimeFormat.forPattern("yyyy-MM-dd HH:mm:ss").withZoneUTC();

  private RawFunnelFixtures() {}

  // ---------------------------------------------------------------------------------------------
  // Raw lines

  /** A REES46 CSV line; {@code brand} null gives an empty brand field. */
  static String csv(String time, String type, String brand, String price) {
    return time + "," + type + ",5773203,1487580005134238553,," + (brand == null ? "" : brand) + ","
        + price + ",463240011,26dd6e6e-4dac-4778-8d2c-92e149dab885";
  }

  /** {@code 2019-10-01 HH:MM:00 UTC}, minutes counted from T0 (may pass the hour). */
  static String timeText(long minutesFromT0) {
    Instant at = T0.plus(min(minutesFromT0));
    return REES46_TIME.print(at) + " UTC";
  }

  /** A good line at T0 + {@code minutes}, timestamped with its event time as a streaming source would. */
  static TimestampedValue<RawRecord> event(
      long position, String type, String brand, String price, long minutes) {
    return TimestampedValue.of(
        RawRecord.of(csv(timeText(minutes), type, brand, price), SOURCE, position), T0.plus(min(minutes)));
  }

  /** Any line, timestamped at T0 + {@code minutes} (its event time, or its arrival if it has none). */
  static TimestampedValue<RawRecord> line(long position, String text, long minutes) {
    return TimestampedValue.of(RawRecord.of(text, SOURCE, position), T0.plus(min(minutes)));
  }

  static Duration min(long minutes) {
    return Duration.standardMinutes(minutes);
  }

  // ---------------------------------------------------------------------------------------------
  // Pipelines

  static TestPipeline pipeline() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(false);
  }

  static WindowByEventTime<KV<String, FunnelCounts>> hourly(Duration earlyDelay) {
    return WindowByEventTime.<KV<String, FunnelCounts>>of(HOUR)
        .withAllowedLateness(LATENESS)
        .withEarlyFiringDelay(earlyDelay);
  }

  static PCollectionTuple jobFunnel(
      TestPipeline p, TestStream<RawRecord> records, FunnelDimension dimension, Duration earlyDelay) {
    return p.apply("Records", records)
        .apply("JobFunnel", new JobFunnel(dimension, hourly(earlyDelay)));
  }

  // ---------------------------------------------------------------------------------------------
  // Generated lines

  private static final String[] TYPES = {
    "view", "view", "view", "cart", "view", "remove_from_cart", "cart", "purchase", "view", "purchase"
  };
  /** Raw brand texts: mixed case, padded, missing. */
  private static final String[] BRANDS = {"runail", "Apple", "samsung", "", " Xiaomi "};
  private static final String[] BRAND_KEYS = {"runail", "apple", "samsung", null, "xiaomi"};
  /** Raw category codes: one quoted with a comma, one missing, one upper case. */
  private static final String[] CATEGORIES = {
    "electronics.smartphone", "", "\"computers,notebook\"", "Appliances.Kitchen"
  };
  private static final String[] CATEGORY_KEYS = {
    "electronics.smartphone", null, "computers_notebook", "appliances.kitchen"
  };
  static final int LINES = 200;
  static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");

  /** One generated line and what it should become. */
  record Generated(
      long position, String text, Instant eventTime, FailureReason failure, String type,
      String brandKey, String categoryKey, long priceCents) implements Serializable {
    FunnelCounts contribution() {
      return FunnelCounts.ofEvent(EventType.fromCode(type), priceCents);
    }

    String keyOf(FunnelDimension dimension) {
      switch (dimension) {
        case BRAND:
          return brandKey;
        case CATEGORY:
          return categoryKey;
        default:
          return null;
      }
    }
  }

  /**
   * ~200 varied lines over four hours (10:00 to 13:59): five brands incl. missing, four categories incl.
   * missing and a quoted comma, all four event types, some JSON lines, and every 13th line bad in one
   * of eight ways.
   */
  static List<Generated> generated() {
    List<Generated> out = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      int hour = 10 + (i / 7) % 4;
      Instant at = DAY.plus(Duration.standardHours(hour))
          .plus(Duration.standardMinutes((i * 7L) % 60)).plus(Duration.standardSeconds((i * 11L) % 60));
      String time = REES46_TIME.print(at) + " UTC";
      String type = TYPES[i % TYPES.length];
      int b = (i / 3) % BRANDS.length;
      int c = (i / 2) % CATEGORIES.length;
      long cents = 1 + (i * 7919L) % 150_000;
      String price = (cents / 100) + "." + String.format("%02d", cents % 100);
      long position = i + 1;
      String session = "s-" + (i % 9);
      if (i % 13 == 6) {
        FailureReason reason;
        String text;
        switch ((i / 13) % 8) {
          case 0:
            reason = FailureReason.MALFORMED_LINE; // eight columns
            text = String.join(",", time, type, "p" + i, "1487580005134238553", CATEGORIES[c], BRANDS[b],
                price, "u" + i);
            break;
          case 1:
            reason = FailureReason.UNKNOWN_EVENT_TYPE;
            text = rees46(time, "wishlist", i, CATEGORIES[c], BRANDS[b], price, session);
            break;
          case 2:
            reason = FailureReason.NON_POSITIVE_PRICE;
            text = rees46(time, type, i, CATEGORIES[c], BRANDS[b], "0.00", session);
            break;
          case 3:
            reason = FailureReason.BAD_TIMESTAMP;
            text = rees46("2019-10-01 24:00:00 UTC", type, i, CATEGORIES[c], BRANDS[b], price, session);
            break;
          case 4:
            reason = FailureReason.MISSING_PRICE;
            text = rees46(time, type, i, CATEGORIES[c], BRANDS[b], "", session);
            break;
          case 5:
            reason = FailureReason.BAD_PRICE;
            text = rees46(time, type, i, CATEGORIES[c], BRANDS[b], "n/a", session);
            break;
          case 6:
            reason = FailureReason.MISSING_EVENT_TYPE;
            text = rees46(time, "", i, CATEGORIES[c], BRANDS[b], price, session);
            break;
          default:
            reason = FailureReason.NON_POSITIVE_PRICE;
            text = rees46(time, type, i, CATEGORIES[c], BRANDS[b], "-" + price, session);
            break;
        }
        out.add(new Generated(position, text, at, reason, null, null, null, 0));
        continue;
      }
      String text = i % 23 == 11
          ? json(time, type, i, CATEGORY_KEYS[c] == null ? null : CATEGORIES[c].replace("\"", ""),
              BRAND_KEYS[b] == null ? null : BRANDS[b], price, session)
          : rees46(time, type, i, CATEGORIES[c], BRANDS[b], price, session);
      out.add(new Generated(position, text, at, null, type, BRAND_KEYS[b], CATEGORY_KEYS[c], cents));
    }
    return out;
  }

  private static String rees46(
      String time, String type, int i, String category, String brand, String price, String session) {
    return String.join(",", time, type, "p" + i, "1487580005134238553", category, brand, price, "u" + i,
        session);
  }

  private static String json(
      String time, String type, int i, String category, String brand, String price, String session) {
    return "{\"event_time\":\"" + time + "\",\"event_type\":\"" + type + "\",\"product_id\":\"p" + i
        + "\",\"category_id\":\"1487580005134238553\",\"category_code\":"
        + (category == null ? "null" : "\"" + category + "\"")
        + ",\"brand\":" + (brand == null ? "null" : "\"" + brand + "\"")
        + ",\"price\":" + price + ",\"user_id\":\"u" + i + "\",\"user_session\":\"" + session + "\"}";
  }

  static List<RawRecord> rawRecords() {
    List<RawRecord> out = new ArrayList<>();
    for (Generated g : generated()) {
      out.add(RawRecord.of(g.text(), "events.csv", g.position()));
    }
    return out;
  }

  /** Plain-Java totals per "windowStart|windowEnd|key", as "views/carts/removes/purchases/revenue". */
  static TreeMap<String, String> expectedTotals(FunnelDimension dimension) {
    Map<String, FunnelCounts> totals = new TreeMap<>();
    for (Generated g : generated()) {
      if (g.failure() != null) {
        continue;
      }
      long t = g.eventTime().getMillis();
      long start = t - Math.floorMod(t, HOUR.getMillis());
      totals.computeIfAbsent(start + "|" + (start + HOUR.getMillis()) + "|" + g.keyOf(dimension),
          k -> FunnelCounts.empty()).merge(g.contribution());
    }
    TreeMap<String, String> text = new TreeMap<>();
    totals.forEach((k, c) -> text.put(k, c.views() + "/" + c.carts() + "/" + c.removes() + "/"
        + c.purchases() + "/" + c.revenueCents()));
    return text;
  }

  static TreeMap<Long, String> expectedFailureReasons() {
    TreeMap<Long, String> reasons = new TreeMap<>();
    for (Generated g : generated()) {
      if (g.failure() != null) {
        reasons.put(g.position(), g.failure().code());
      }
    }
    return reasons;
  }
}
