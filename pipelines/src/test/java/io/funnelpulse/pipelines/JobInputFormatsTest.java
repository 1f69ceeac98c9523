package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.io.FunnelTableReader;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the Direct runner over small hand-written inputs whose funnel is worked out by hand:
 * the same events as CSV (CRLF, header), as JSON lines (ISO-8601 and REES46 times, prices as numbers and
 * strings, missing brand as null, absent or empty) and as a gzipped CSV must count alike; every
 * dimension writes its own table; bad lines land in the dead letters with their line numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobInputFormatsTest {
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

  /**
   * Fourteen events on 2019-10-01. Hour 10: runail view/cart/purchase 2.62 (one spelled "Runail"),
   * lovely view, no-brand view/remove/purchase 0.79. Hour 11: lovely view/cart/purchases 13.48 + 0.05.
   * Hour 13: grattol cart/purchase 5.00/remove, no views.
   */
  private static final List<String> CSV_ROWS =
      List.of(
          "2019-10-01 10:00:00 UTC,view,5773203,1487580005134238553,,runail,2.62,463240011,s1",
          "2019-10-01 10:15:00 UTC,cart,5773203,1487580005134238553,,runail,2.62,463240011,s1",
          "2019-10-01 10:20:00 UTC,purchase,5773203,1487580005134238553,,Runail,2.62,463240011,s1",
          "2019-10-01 10:30:00 UTC,view,5881589,2151191071051219817,appliances.kitchen.kettle,lovely,13.48,429681830,s2",
          "2019-10-01 10:31:00 UTC,view,5723490,1487580005134238553,,,0.79,463240011,s1",
          "2019-10-01 10:32:00 UTC,remove_from_cart,5723490,1487580005134238553,,\"\",0.79,463240011,s1",
          "2019-10-01 10:59:59 UTC,purchase,5723490,1487580005134238553,,,0.79,463240011,",
          "2019-10-01 11:00:00 UTC,view,5881589,2151191071051219817,appliances.kitchen.kettle,lovely,13.48,429681830,s2",
          "2019-10-01 11:05:00 UTC,cart,5881589,2151191071051219817,appliances.kitchen.kettle,lovely,13.48,429681830,s2",
          "2019-10-01 11:06:00 UTC,purchase,5881589,2151191071051219817,appliances.kitchen.kettle,lovely,13.48,429681830,s2",
          "2019-10-01 11:07:00 UTC,purchase,5881590,2151191071051219817,appliances.kitchen.kettle,lovely,0.05,429681830,s2",
          "2019-10-01 13:10:00 UTC,cart,5900000,1487580005134238553,Furniture.Living Room,grattol,5.00,500000001,s3",
          "2019-10-01 13:20:00 UTC,purchase,5900000,1487580005134238553,Furniture.Living Room,grattol,5.00,500000001,s3",
          "2019-10-01 13:30:00 UTC,remove_from_cart,5900000,1487580005134238553,Furniture.Living Room,grattol,5.00,500000001,s3");

  /** The same fourteen events as JSON lines. */
  private static final List<String> JSON_ROWS =
      List.of(
          "{\"event_time\":\"2019-10-01T10:00:00Z\",\"event_type\":\"view\",\"product_id\":5773203,\"category_id\":1487580005134238553,\"brand\":\"runail\",\"price\":2.62,\"user_id\":463240011,\"user_session\":\"s1\"}",
          "{\"event_time\":\"2019-10-01 10:15:00 UTC\",\"event_type\":\"cart\",\"product_id\":\"5773203\",\"brand\":\"runail\",\"price\":\"2.62\",\"user_id\":463240011,\"user_session\":\"s1\"}",
          "{\"event_time\":\"2019-10-01T12:20:00+02:00\",\"event_type\":\"purchase\",\"product_id\":5773203,\"brand\":\"RUNAIL\",\"price\":2.62,\"user_id\":463240011}",
          "{\"event_time\":\"2019-10-01T10:30:00Z\",\"event_type\":\"view\",\"category_code\":\"appliances.kitchen.kettle\",\"brand\":\"lovely\",\"price\":13.48}",
          "{\"event_time\":\"2019-10-01T10:31:00Z\",\"event_type\":\"view\",\"brand\":null,\"price\":0.79}",
          "{\"event_time\":\"2019-10-01 10:32:00 UTC\",\"event_type\":\"remove_from_cart\",\"brand\":\"\",\"price\":\"0.79\"}",
          "{\"event_time\":\"2019-10-01T10:59:59Z\",\"event_type\":\"purchase\",\"price\":0.79}",
          "{\"event_time\":\"2019-10-01T11:00:00Z\",\"event_type\":\"view\",\"category_code\":\"appliances.kitchen.kettle\",\"brand\":\"lovely\",\"price\":13.48}",
          "{\"event_time\":\"2019-10-01 11:05:00 UTC\",\"event_type\":\"cart\",\"category_code\":\"appliances.kitchen.kettle\",\"brand\":\"lovely\",\"price\":\"13.48\"}",
          "{\"event_time\":\"2019-10-01T11:06:00Z\",\"event_type\":\"purchase\",\"category_code\":\"appliances.kitchen.kettle\",\"brand\":\"lovely\",\"price\":13.48}",
          "{\"event_time\":\"2019-10-01T11:07:00Z\",\"event_type\":\"purchase\",\"category_code\":\"appliances.kitchen.kettle\",\"brand\":\"lovely\",\"price\":0.05}",
          "{\"event_time\":\"2019-10-01T13:10:00Z\",\"event_type\":\"cart\",\"category_code\":\"Furniture.Living Room\",\"brand\":\"grattol\",\"price\":5}",
          "{\"event_time\":\"2019-10-01 13:20:00 UTC\",\"event_type\":\"purchase\",\"category_code\":\"Furniture.Living Room\",\"brand\":\"grattol\",\"price\":\"5.00\"}",
          "{\"event_time\":\"2019-10-01T13:30:00Z\",\"event_type\":\"remove_from_cart\",\"category_code\":\"Furniture.Living Room\",\"brand\":\"grattol\",\"price\":5.0}");

  /** Two-digit UTC hour of window_start in DuckDB, whatever the session time zone. */
  private static final String HOUR = "strftime(make_timestamp(epoch_us(window_start)), '%H')";

  /** Copies of each event in the clean input: CSV, JSON lines, gzipped CSV. */
  private static final int COPIES = 3;

  @TempDir static Path dir;
  private Path cleanInput;
  private Path brandOutput;
  private RunSummary brandRun;

  @BeforeAll
  @Timeout(180)
  void runTheBrandJobOverCsvJsonAndGzip() throws Exception {
    cleanInput = Files.createDirectories(dir.resolve("clean"));
    Files.writeString(cleanInput.resolve("events.csv"), HEADER + "\r\n" + String.join("\r\n", CSV_ROWS) + "\r\n");
    Files.writeString(cleanInput.resolve("events.jsonl"), String.join("\n", JSON_ROWS) + "\n");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(cleanInput.resolve("copy.csv.gz")))) {
      gz.write((HEADER + "\n" + String.join("\n", CSV_ROWS) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    brandOutput = dir.resolve("out-brand");
    brandRun = run(cleanInput + "/*", brandOutput);
  }

  private static RunSummary run(String input, Path output, String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(List.of("--runner=DirectRunner", "--input=" + input, "--output=" + output));
    args.addAll(List.of(extra));
    args.addAll(WithoutSessionTables.ARGS);
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    RunSummary summary = BatchJob.run(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(text.toString(StandardCharsets.UTF_8), containsString("read = valid + quarantined: yes"));
    return summary;
  }

  private static long millis(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  /** "start|end|key|views,carts,removes,purchases,revenueCents" of a row. */
  private static String line(FunnelRow r) {
    return Instant.ofEpochMilli(r.windowStartMillis()) + "|" + Instant.ofEpochMilli(r.windowEndMillis())
        + "|" + r.key() + "|" + r.counts().views() + "," + r.counts().carts() + "," + r.counts().removes()
        + "," + r.counts().purchases() + "," + r.counts().revenueCents();
  }

  private static String expected(
      String start, String end, String key, long views, long carts, long removes, long purchases,
      long revenueCents, int copies) {
    return start + "|" + end + "|" + key + "|" + views * copies + "," + carts * copies + ","
        + removes * copies + "," + purchases * copies + "," + revenueCents * copies;
  }

  private static String parquet(Path output, String table) {
    return "read_parquet('" + output.resolve(table) + "/*/*.parquet', hive_partitioning = false)";
  }

  private static String deadLetters(Path output) {
    return "read_parquet('" + output.resolve("dead_letter") + "/*.parquet')";
  }

  @Test
  void csvJsonAndGzipCountAlikeInTheFinalBrandView() {
    List<String> view =
        FunnelTableReader.of(brandOutput, FunnelDimension.BRAND).finalView().stream()
            .map(JobInputFormatsTest::line)
            .collect(Collectors.toList());
    String h10 = "2019-10-01T10:00:00Z";
    String h11 = "2019-10-01T11:00:00Z";
    String h12 = "2019-10-01T12:00:00Z";
    String h13 = "2019-10-01T13:00:00Z";
    String h14 = "2019-10-01T14:00:00Z";
    assertThat(
        view,
        contains(
            expected(h10, h11, null, 1, 0, 1, 1, 79, COPIES),
            expected(h10, h11, "lovely", 1, 0, 0, 0, 0, COPIES),
            expected(h10, h11, "runail", 1, 1, 0, 1, 262, COPIES),
            expected(h11, h12, "lovely", 1, 1, 0, 2, 1353, COPIES),
            expected(h13, h14, "grattol", 0, 1, 1, 1, 500, COPIES)));
  }

  @Test
  void everyRecordOfEveryFormatIsReadAndValid() {
    RunMetrics m = brandRun.metrics();
    assertThat(m.recordsRead(), is((long) COPIES * CSV_ROWS.size()));
    assertThat(m.valid(), is((long) COPIES * CSV_ROWS.size()));
    assertThat(m.quarantined(), is(0L));
    assertThat(m.conserved(), is(true));
    assertThat(m.funnelRowsWritten(), is(5L));
    assertThat(brandRun.windows(), is(3L));
  }

  @Test
  void finalViewRowsAreSingleOnTimePanes() {
    List<FunnelRow> all = FunnelTableReader.of(brandOutput, FunnelDimension.BRAND).allPanes();
    assertThat(all.size(), is(5));
    assertThat(
        all.stream().map(r -> r.pane().timing() + "#" + r.pane().index()).collect(Collectors.toList()),
        everyItem(equalTo("ON_TIME#0")));
  }

  @Test
  @Timeout(60)
  void ratesAreNullInTheParquetWhenTheirDenominatorIsZero() throws Exception {
    String table = parquet(brandOutput, "funnel_hourly_brand");
    // grattol, hour 13: no views -> view_to_cart and conversion NULL; 3 carts -> cart_to_purchase 1.0.
    assertThat(
        DuckDb.query(
            "SELECT view_to_cart_rate IS NULL, conversion_rate IS NULL, cart_to_purchase_rate, "
                + "CAST(revenue AS VARCHAR) FROM " + table + " WHERE brand = 'grattol'"),
        contains(List.of("true", "true", "1.0", "15.00")));
    // lovely, hour 10: 3 views, no carts -> cart_to_purchase NULL, the others 0.
    assertThat(
        DuckDb.query(
            "SELECT view_to_cart_rate, conversion_rate, cart_to_purchase_rate IS NULL FROM " + table
                + " WHERE brand = 'lovely' AND epoch_ms(window_start) = " + millis("2019-10-01T10:00:00Z")),
        contains(List.of("0.0", "0.0", "true")));
    // The missing brand is a NULL key, not an empty string or the text "null".
    assertThat(
        DuckDb.query(
            "SELECT count(*), sum(views), sum(purchases) FROM " + table + " WHERE brand IS NULL"),
        contains(List.of("1", "3", "3")));
    assertThat(
        DuckDb.scalar("SELECT count(*) FROM " + table + " WHERE brand IN ('', 'null', 'Runail', 'RUNAIL')"),
        is(0L));
  }

  @Test
  @Timeout(120)
  void categoryDimensionWritesItsOwnTableWithSanitisedCodes() throws Exception {
    Path output = dir.resolve("out-category");
    RunSummary summary = run(cleanInput + "/*", output, "--dimension=CATEGORY");
    assertThat(summary.metrics().funnelRowsWritten(), is(4L));
    assertThat(Files.exists(output.resolve("funnel_hourly_brand")), is(false));
    String table = parquet(output, "funnel_hourly_category");
    List<List<String>> rows =
        DuckDb.query(
            "SELECT " + HOUR + ", coalesce(category_code, '<null>'), views, carts, "
                + "removes, purchases, CAST(revenue AS VARCHAR) FROM " + table + " ORDER BY 1, 2");
    assertThat(
        rows,
        contains(
            List.of("10", "<null>", "6", "3", "3", "6", "10.23"),
            List.of("10", "appliances.kitchen.kettle", "3", "0", "0", "0", "0.00"),
            List.of("11", "appliances.kitchen.kettle", "3", "3", "0", "6", "40.59"),
            List.of("13", "furniture.living_room", "0", "3", "3", "3", "15.00")));
    List<String> keys =
        FunnelTableReader.of(output, FunnelDimension.CATEGORY).finalView().stream()
            .map(FunnelRow::key)
            .collect(Collectors.toList());
    assertThat(keys, contains(null, "appliances.kitchen.kettle", "appliances.kitchen.kettle", "furniture.living_room"));
  }

  @Test
  @Timeout(120)
  void noDimensionWritesOneRowPerWindow() throws Exception {
    Path output = dir.resolve("out-none");
    RunSummary summary = run(cleanInput + "/*", output, "--dimension=NONE");
    assertThat(summary.metrics().funnelRowsWritten(), is(3L));
    String table = parquet(output, "funnel_hourly");
    assertThat(
        DuckDb.query(
            "SELECT " + HOUR + ", views, carts, removes, purchases, "
                + "CAST(revenue AS VARCHAR), view_to_cart_rate IS NULL FROM " + table + " ORDER BY 1"),
        contains(
            List.of("10", "9", "3", "3", "6", "10.23", "false"),
            List.of("11", "3", "3", "0", "6", "40.59", "false"),
            List.of("13", "0", "3", "3", "3", "15.00", "true")));
    assertThat(
        DuckDb.query(
            "SELECT sum(views), sum(carts), sum(removes), sum(purchases), CAST(sum(revenue) AS VARCHAR) FROM "
                + table),
        contains(List.of("12", "9", "6", "15", "65.82")));
    assertThat(
        FunnelTableReader.of(output, FunnelDimension.NONE).finalView().stream()
            .map(FunnelRow::key)
            .collect(Collectors.toList()),
        contains(null, null, null));
  }

  @Test
  @Timeout(120)
  void badLinesAreQuarantinedWithTheirReasonAndLineNumber() throws Exception {
    Path input = Files.createDirectories(dir.resolve("dirty"));
    String good1 = CSV_ROWS.get(0);
    String good2 = CSV_ROWS.get(2);
    List<String> csv =
        List.of(
            HEADER,                                                                           // 1
            good1,                                                                            // 2
            "not,enough,fields",                                                              // 3
            "2019-13-01 00:00:00 UTC,view,1,2,,brand,1.00,3,s",                               // 4
            "2019-10-01 10:00:00 UTC,click,1,2,,brand,1.00,3,s",                              // 5
            "2019-10-01 10:00:00 UTC,,1,2,,brand,1.00,3,s",                                   // 6
            "2019-10-01 10:00:00 UTC,view,1,2,,brand,,3,s",                                   // 7
            "2019-10-01 10:00:00 UTC,view,1,2,,brand,abc,3,s",                                // 8
            "2019-10-01 10:00:00 UTC,view,1,2,,brand,0.00,3,s",                               // 9
            "2019-10-01 10:00:00 UTC,purchase,1,2,,brand,-1.50,3,s",                          // 10
            "",                                                                               // 11
            "\"2019-10-01 10:00:00 UTC,view,1,2,,brand,1.00,3,s",                             // 12
            ",view,1,2,,brand,1.00,3,s",                                                      // 13
            good2);                                                                           // 14
    Files.writeString(input.resolve("dirty.csv"), String.join("\n", csv) + "\n");
    List<String> json =
        List.of(
            JSON_ROWS.get(1),                                                                 // 1
            "{\"event_time\":\"2019-10-01T10:00:00Z\",\"event_type\":\"view\"",               // 2
            "{\"event_time\":\"2019-10-01T10:00:00Z\",\"event_type\":\"view\",\"price\":\"x\"}", // 3
            "{\"event_time\":\"yesterday\",\"event_type\":\"view\",\"price\":1}");            // 4
    Files.writeString(input.resolve("dirty.jsonl"), String.join("\n", json) + "\n");
    Path output = dir.resolve("out-dirty");

    RunSummary summary = run(input + "/*", output);

    List<List<String>> dead =
        DuckDb.query(
            "SELECT regexp_extract(source, '[^/]+$'), position, reason, raw, message FROM "
                + deadLetters(output) + " ORDER BY 1, 2");
    List<String> located =
        dead.stream().map(r -> r.get(0) + ":" + r.get(1) + " " + r.get(2)).collect(Collectors.toList());
    assertThat(
        located,
        contains(
            "dirty.csv:3 malformed_line",
            "dirty.csv:4 bad_timestamp",
            "dirty.csv:5 unknown_event_type",
            "dirty.csv:6 missing_event_type",
            "dirty.csv:7 missing_price",
            "dirty.csv:8 bad_price",
            "dirty.csv:9 non_positive_price",
            "dirty.csv:10 non_positive_price",
            "dirty.csv:11 malformed_line",
            "dirty.csv:12 malformed_line",
            "dirty.csv:13 bad_timestamp",
            "dirty.jsonl:2 malformed_line",
            "dirty.jsonl:3 bad_price",
            "dirty.jsonl:4 bad_timestamp"));
    for (List<String> row : dead) {
      String file = row.get(0);
      int position = Integer.parseInt(row.get(1));
      List<String> lines = file.equals("dirty.csv") ? csv : json;
      assertThat("raw text of " + file + ":" + position, row.get(3), equalTo(lines.get(position - 1)));
      assertThat("message of " + file + ":" + position, row.get(4).isEmpty(), is(false));
    }
    assertThat(
        DuckDb.query("SELECT DISTINCT source FROM " + deadLetters(output) + " ORDER BY 1").stream()
            .map(r -> r.get(0))
            .collect(Collectors.toList()),
        contains(endsWith("/dirty/dirty.csv"), endsWith("/dirty/dirty.jsonl")));

    RunMetrics m = summary.metrics();
    assertThat(m.recordsRead(), is((long) (csv.size() - 1 + json.size())));
    assertThat(m.valid(), is(3L));
    assertThat(m.quarantined(), is(14L));
    assertThat(m.recordsRead(), is(m.valid() + m.quarantined()));
    Map<String, Long> byReason = new TreeMap<>(m.quarantinedByReason());
    assertThat(
        byReason,
        equalTo(
            new TreeMap<>(
                Map.of(
                    "malformed_line", 4L,
                    "bad_timestamp", 3L,
                    "unknown_event_type", 1L,
                    "missing_event_type", 1L,
                    "missing_price", 1L,
                    "bad_price", 2L,
                    "non_positive_price", 2L))));
    // The three good records still count: runail view + purchase (CSV) and runail cart (JSON).
    assertThat(
        FunnelTableReader.of(output, FunnelDimension.BRAND).finalView().stream()
            .map(JobInputFormatsTest::line)
            .collect(Collectors.toList()),
        contains(expected("2019-10-01T10:00:00Z", "2019-10-01T11:00:00Z", "runail", 1, 1, 0, 1, 262, 1)));
  }

  @Test
  @Timeout(120)
  void thirtyMinuteWindows() throws Exception {
    Path output = dir.resolve("out-30");
    run(cleanInput.resolve("events.csv").toString(), output, "--windowSizeMinutes=30");
    String table = parquet(output, "funnel_hourly_brand");
    assertThat(
        DuckDb.query("SELECT DISTINCT date_diff('minute', window_start, window_end) FROM " + table),
        contains(List.of("30")));
    List<String> view =
        FunnelTableReader.of(output, FunnelDimension.BRAND).finalView().stream()
            .map(JobInputFormatsTest::line)
            .collect(Collectors.toList());
    assertThat(
        view,
        containsInAnyOrder(
            expected("2019-10-01T10:00:00Z", "2019-10-01T10:30:00Z", "runail", 1, 1, 0, 1, 262, 1),
            expected("2019-10-01T10:30:00Z", "2019-10-01T11:00:00Z", null, 1, 0, 1, 1, 79, 1),
            expected("2019-10-01T10:30:00Z", "2019-10-01T11:00:00Z", "lovely", 1, 0, 0, 0, 0, 1),
            expected("2019-10-01T11:00:00Z", "2019-10-01T11:30:00Z", "lovely", 1, 1, 0, 2, 1353, 1),
            expected("2019-10-01T13:00:00Z", "2019-10-01T13:30:00Z", "grattol", 0, 1, 0, 1, 500, 1),
            expected("2019-10-01T13:30:00Z", "2019-10-01T14:00:00Z", "grattol", 0, 0, 1, 0, 0, 1)));
    assertThat(view.size(), is(6));
  }

  @Test
  @Timeout(60)
  void cleanInputLeavesNoDeadLetterRows() throws Exception {
    // With nothing quarantined the job may write no dead_letter file at all; any file there is empty.
    Path deadDir = brandOutput.resolve("dead_letter");
    List<Path> files = List.of();
    if (Files.isDirectory(deadDir)) {
      try (Stream<Path> listing = Files.list(deadDir)) {
        files = listing.filter(f -> f.toString().endsWith(".parquet")).collect(Collectors.toList());
      }
    }
    long rows = 0;
    for (Path file : files) {
      rows += DuckDb.scalar("SELECT count(*) FROM read_parquet('" + file + "')");
    }
    assertThat(rows, is(0L));
    assertThat(brandRun.metrics().quarantinedByReason().keySet(), empty());
  }
}
