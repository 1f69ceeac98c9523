package io.funnelpulse.transforms.clean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.ParseEvents;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A table of good and bad CSV and JSON records through ParseEvents(AUTO) + CleanEvents in one pipeline:
 * each bad record is quarantined with its reason code, raw text, source and position; each good one is
 * clean; read = valid + quarantined.
 */
class BadRecordsQuarantineTest {
  private static final String SOURCE = "bad-records-table.csv";
  private static final String SESSION = "26dd6e6e-4dac-4778-8d2c-92e149dab885";
  private static final String GOOD_TAIL = ",1487580005134238553,,runail,2.62,463240011," + SESSION;

  /** One row of the table: a label, the raw line, the expected reason code or null for clean. */
  static final class Case implements Serializable {
    final String label;
    final String line;
    final String reason;
    final String productId;

    Case(String label, String line, String reason, String productId) {
      this.label = label;
      this.line = line;
      this.reason = reason;
      this.productId = productId;
    }
  }

  private static Case bad(String label, String line, String reason) {
    return new Case(label, line, reason, null);
  }

  private static Case good(String label, String productId, String line) {
    return new Case(label, line, null, productId);
  }

  private static String csv(String time, String type, String productId, String price) {
    return time + "," + type + "," + productId + ",1487580005134238553,,runail," + price + ",463240011,"
        + SESSION;
  }

  private static String json(String time, String type, String productId, String priceJson) {
    return "{\"event_time\":" + time + ",\"event_type\":\"" + type + "\",\"product_id\":" + productId
        + ",\"category_id\":\"1487580005134238553\",\"category_code\":null,\"brand\":\"Runail\","
        + "\"price\":" + priceJson + ",\"user_id\":463240011,\"user_session\":\"" + SESSION + "\"}";
  }

  static List<Case> table() {
    String t = "2019-10-01 00:00:00 UTC";
    List<Case> cases = new ArrayList<>();
    // Good CSV rows, as controls.
    cases.add(good("csv: valid cart", "1001", csv(t, "cart", "1001", "2.62")));
    cases.add(good("csv: valid with CRLF", "1002", csv(t, "view", "1002", "2.62") + "\r"));
    cases.add(good("csv: quoted fields and \"\" empties", "1003",
        "\"" + t + "\",\"purchase\",\"1003\",\"1\",\"\",\"\",\"10.00\",\"7\",\"\""));
    cases.add(good("csv: quoted comma inside brand", "1004",
        t + ",view,1004,1,,\"Smith, Inc\",1.00,7,s"));
    // Malformed lines.
    cases.add(bad("csv: too few columns", t + ",view,1005,1,,runail,2.62,463240011", "malformed_line"));
    cases.add(bad("csv: too many columns", csv(t, "view", "1006", "2.62") + ",extra", "malformed_line"));
    cases.add(bad("csv: unbalanced quote", t + ",view,\"1007,1,,runail,2.62,463240011," + SESSION,
        "malformed_line"));
    cases.add(bad("csv: not,a,record", "not,a,record", "malformed_line"));
    cases.add(bad("csv: blank line", "", "malformed_line"));
    cases.add(bad("csv: whitespace line", "   ", "malformed_line"));
    // Timestamps.
    cases.add(bad("csv: bad timestamp", csv("2019-13-45 99:00:00 UTC", "view", "1008", "2.62"),
        "bad_timestamp"));
    cases.add(bad("csv: missing event_time", csv("", "view", "1009", "2.62"), "bad_timestamp"));
    cases.add(bad("csv: header line", "event_time,event_type,product_id,category_id,category_code,brand,"
        + "price,user_id,user_session", "bad_timestamp"));
    // Event types.
    cases.add(bad("csv: wishlist", csv(t, "wishlist", "1010", "2.62"), "unknown_event_type"));
    cases.add(bad("csv: upper-case VIEW", csv(t, "VIEW", "1011", "2.62"), "unknown_event_type"));
    cases.add(bad("csv: empty event_type", csv(t, "", "1012", "2.62"), "missing_event_type"));
    cases.add(bad("csv: \"\" event_type", csv(t, "\"\"", "1013", "2.62"), "missing_event_type"));
    // Prices.
    cases.add(bad("csv: empty price", csv(t, "view", "1014", ""), "missing_price"));
    cases.add(bad("csv: abc price", csv(t, "view", "1015", "abc"), "bad_price"));
    cases.add(bad("csv: zero price", csv(t, "view", "1016", "0.00"), "non_positive_price"));
    cases.add(bad("csv: negative price", csv(t, "purchase", "1017", "-3.10"), "non_positive_price"));
    // Key fields over the length limit (a broken or hostile record, not a key to group by).
    String longest = "b".repeat(SilverRules.MAX_KEY_CHARACTERS);
    cases.add(good("csv: brand of the longest length kept", "1018",
        t + ",view,1018,1,," + longest + ",1.00,7,s"));
    cases.add(bad("csv: brand one character too long", t + ",view,1019,1,," + longest + "b,1.00,7,s",
        "field_too_long"));
    cases.add(bad("csv: 20 KB session", t + ",view,1020,1,,runail,1.00,7," + "s".repeat(20_000),
        "field_too_long"));
    cases.add(bad("csv: 1 KB product id", csv(t, "view", "9".repeat(1024), "2.62"), "field_too_long"));
    // JSON lines.
    cases.add(good("json: valid event", "2001", json("\"" + t + "\"", "purchase", "2001", "2.62")));
    cases.add(good("json: ISO time with Z", "2002",
        json("\"2019-10-01T00:00:05Z\"", "view", "2002", "\"2.62\"")));
    cases.add(good("json: ISO time with offset, leading spaces", "2003",
        "  " + json("\"2019-10-01T02:00:05+02:00\"", "cart", "2003", "3")));
    cases.add(bad("json: {broken", "{broken", "malformed_line"));
    cases.add(bad("json: truncated object", json("\"" + t + "\"", "view", "2004", "2.62")
        .substring(0, 40), "malformed_line"));
    cases.add(bad("json: array", "[" + json("\"" + t + "\"", "view", "2005", "2.62") + "]",
        "malformed_line"));
    cases.add(bad("json: missing event_time", "{\"event_type\":\"view\",\"price\":1.00}", "bad_timestamp"));
    cases.add(bad("json: numeric event_time", json("1569888000", "view", "2006", "2.62"), "bad_timestamp"));
    cases.add(bad("json: wishlist", json("\"" + t + "\"", "wishlist", "2007", "2.62"), "unknown_event_type"));
    cases.add(bad("json: null price", json("\"" + t + "\"", "view", "2008", "null"), "missing_price"));
    cases.add(bad("json: abc price", json("\"" + t + "\"", "view", "2009", "\"abc\""), "bad_price"));
    cases.add(bad("json: zero price", json("\"" + t + "\"", "view", "2010", "0.00"), "non_positive_price"));
    return cases;
  }

  static List<RawRecord> raws(List<Case> cases) {
    List<RawRecord> raws = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      raws.add(RawRecord.of(cases.get(i).line, SOURCE, i + 1));
    }
    return raws;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyBadRecordIsQuarantinedWithItsReasonAndRawInputAndEveryGoodOneIsClean() {
    List<Case> cases = table();
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> input = p.apply("Table", Create.of(raws(cases)).withCoder(RawRecordCoder.of()));
    PCollectionTuple parsed = input.apply("ParseEvents", ParseEvents.withFormat(InputFormat.AUTO));
    PCollectionTuple cleaned = parsed.get(ParseEvents.PARSED).apply("CleanEvents", CleanEvents.create());
    PCollection<ClickEvent> clean = cleaned.get(CleanEvents.CLEAN);
    PCollection<FailedRecord> quarantined = PCollectionList.of(parsed.get(ParseEvents.FAILED))
        .and(cleaned.get(CleanEvents.FAILED))
        .apply("Quarantine", Flatten.pCollections());

    PAssert.that(quarantined).satisfies(failures -> {
      Map<Long, FailedRecord> byPosition = new HashMap<>();
      for (FailedRecord f : failures) {
        FailedRecord previous = byPosition.put(f.raw().position(), f);
        assertThat("quarantined twice: " + f, previous, is(nullValue()));
      }
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        FailedRecord f = byPosition.get(i + 1L);
        if (c.reason == null) {
          assertThat(c.label + " must not be quarantined", f, is(nullValue()));
          continue;
        }
        assertThat(c.label + " must be quarantined", f, is(not(nullValue())));
        assertThat(c.label, f.reason().code(), is(c.reason));
        assertThat(c.label + " keeps its raw text", f.raw().text(), is(c.line));
        assertThat(c.label + " keeps its source", f.raw().source(), is(SOURCE));
        assertThat(c.label + " has a message", f.message(), is(not(emptyOrNullString())));
      }
      return null;
    });

    PAssert.that(clean).satisfies(events -> {
      Map<String, ClickEvent> byProduct = new HashMap<>();
      for (ClickEvent e : events) {
        assertThat("clean twice: " + e, byProduct.put(e.productId(), e), is(nullValue()));
      }
      List<String> expectedProducts = new ArrayList<>();
      for (Case c : cases) {
        if (c.reason == null) {
          expectedProducts.add(c.productId);
          assertThat(c.label + " must be clean", byProduct.get(c.productId), is(not(nullValue())));
        }
      }
      assertThat("only the good rows are clean", byProduct.keySet(),
          is(new HashSet<>(expectedProducts)));
      // A few field-level checks on the good rows.
      assertThat(byProduct.get("1001").brand(), is("runail"));
      assertThat(byProduct.get("1001").missingCategory(), is(true));
      assertThat(byProduct.get("1001").priceCents(), is(262L));
      assertThat(byProduct.get("1003").missingBrand(), is(true));
      assertThat(byProduct.get("1003").missingSession(), is(true));
      assertThat(byProduct.get("1003").priceCents(), is(1000L));
      assertThat(byProduct.get("1004").brand(), is("smith, inc"));
      assertThat(byProduct.get("2001").brand(), is("runail"));
      assertThat(byProduct.get("2001").eventType(), is(EventType.PURCHASE));
      assertThat(byProduct.get("2001").userId(), is("463240011"));
      assertThat(byProduct.get("2001").missingCategory(), is(true));
      assertThat(byProduct.get("2001").priceCents(), is(262L));
      long fiveSeconds = Instant.parse("2019-10-01T00:00:05Z").toEpochMilli();
      assertThat(byProduct.get("2002").eventTimeMillis(), is(fiveSeconds));
      assertThat(byProduct.get("2003").eventTimeMillis(), is(fiveSeconds));
      assertThat(byProduct.get("2003").priceCents(), is(300L));
      return null;
    });

    // read = valid + quarantined, and the pipeline completes.
    PCollection<Long> accounted = PCollectionList.of(clean.apply("CountValid", Count.globally()))
        .and(quarantined.apply("CountQuarantined", Count.globally()))
        .apply("ValidAndQuarantined", Flatten.pCollections())
        .apply("Sum", Sum.longsGlobally());
    PAssert.thatSingleton(accounted).isEqualTo((long) cases.size());

    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void jsonFormatTreatsEveryRecordAsJsonAndCsvFormatEveryRecordAsCsv() {
    String t = "2019-10-01 00:00:00 UTC";
    List<RawRecord> records = List.of(
        RawRecord.of(json("\"" + t + "\"", "view", "3001", "1.00"), "topic-0", 100),
        RawRecord.of(csv(t, "view", "3002", "1.00"), "topic-0", 101));
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> input = p.apply(Create.of(records).withCoder(RawRecordCoder.of()));
    PCollectionTuple asJson = input.apply("AsJson", ParseEvents.withFormat(InputFormat.JSON));
    PCollectionTuple asCsv = input.apply("AsCsv", ParseEvents.withFormat(InputFormat.CSV));
    PAssert.that(asJson.get(ParseEvents.FAILED)).satisfies(fs -> {
      List<String> got = new ArrayList<>();
      fs.forEach(f -> got.add(f.raw().position() + ":" + f.reason().code()));
      assertThat(got, is(List.of("101:malformed_line")));
      return null;
    });
    PAssert.that(asCsv.get(ParseEvents.FAILED)).satisfies(fs -> {
      List<String> got = new ArrayList<>();
      fs.forEach(f -> got.add(f.raw().position() + ":" + f.reason().code()));
      assertThat(got, is(List.of("100:malformed_line")));
      return null;
    });
    PAssert.thatSingleton(asJson.get(ParseEvents.PARSED).apply("CountJson", Count.globally())).isEqualTo(1L);
    PAssert.thatSingleton(asCsv.get(ParseEvents.PARSED).apply("CountCsv", Count.globally())).isEqualTo(1L);
    p.run().waitUntilFinish();
  }
}
