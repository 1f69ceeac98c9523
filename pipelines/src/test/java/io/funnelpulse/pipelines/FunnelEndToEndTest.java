package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.FunnelTableReader;
import io.funnelpulse.model.CanonicalHll;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.sql.ClickstreamSql;
import io.funnelpulse.sql.SqlTemplate;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import io.funnelpulse.verify.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated input (out-of-order rows, malformed lines, zero and negative prices) through the same
 * pipeline on the Direct runner, on Spark {@code local[2]} and on Flink (an embedded cluster): the
 * Parquet each writes is read back, their final views are identical and equal DuckDB's independent
 * computation over the raw CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunnelEndToEndTest {
  private static final long EVENTS = 40_000;

  @TempDir static Path dir;
  private String inputGlob;
  private GenerationReport generated;
  private RunSummary direct;
  private RunSummary spark;
  private RunSummary flink;

  @BeforeAll
  @Timeout(600)
  void runBothRunners() throws Exception {
    System.setProperty("spark.ui.enabled", "false");
    generated =
        EventGenerator.of(
                GeneratorOptions.defaults()
                    .withEvents(EVENTS)
                    .withDays(2)
                    .withFiles(3)
                    .withSeed(7L)
                    .withOutOfOrderFraction(0.05)
                    .withMalformedFraction(0.01))
            .writeTo(dir.resolve("input"));
    inputGlob = dir.resolve("input") + "/*.csv";
    // The Direct runner as users run it (runner-profiles/direct.options): the pane tests keep Beam's
    // immutability and encodability checks on; here they would only multiply the run time.
    direct = run("--runner=DirectRunner", dir.resolve("direct"), "--rollup=day", NO_ENFORCEMENT[0], NO_ENFORCEMENT[1]);
    spark = run("--runner=SparkRunner", dir.resolve("spark"), "--sparkMaster=local[2]", "--rollup=day");
    flink = run("--runner=FlinkRunner", dir.resolve("flink"), "--flinkMaster=[local]", "--parallelism=2", "--rollup=day");
  }

  private static final String[] NO_ENFORCEMENT = {"--enforceImmutability=false", "--enforceEncodability=false"};

  private RunSummary run(String runner, Path output, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of(runner, "--input=" + inputGlob, "--output=" + output));
    args.addAll(List.of(extra));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    RunSummary summary = BatchJob.run(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(text.toString(StandardCharsets.UTF_8).contains("read = valid + quarantined: yes"), is(true));
    return summary;
  }

  private static List<String> countsOnly(List<FunnelRow> finalView) {
    return finalView.stream()
        .map(r -> r.windowStartMillis() + "|" + r.windowEndMillis() + "|" + r.key() + "|" + r.counts())
        .collect(Collectors.toList());
  }

  @Test
  void everyRecordIsCountedOrQuarantinedOnEveryRunner() {
    long expectedRead = generated.validEvents() + generated.malformedLines();
    for (RunSummary summary : List.of(direct, spark, flink)) {
      assertThat(summary.metrics().recordsRead(), is(expectedRead));
      assertThat(summary.metrics().conserved(), is(true));
      assertThat(summary.metrics().quarantined(), greaterThan(generated.malformedLines() - 1));
      assertThat(summary.metrics().namespaces(), everyItem(startsWith(MetricNames.PREFIX)));
      assertThat(summary.metrics().namespaces(), hasItems(MetricNames.READ, MetricNames.PARSE, MetricNames.CLEAN,
          MetricNames.PREAGGREGATE, MetricNames.WRITE, MetricNames.DEAD_LETTERS));
    }
    assertThat(spark.metrics().quarantinedByReason(), equalTo(direct.metrics().quarantinedByReason()));
    assertThat(flink.metrics().quarantinedByReason(), equalTo(direct.metrics().quarantinedByReason()));
  }

  @Test
  void directSparkAndFlinkWriteTheSameFinalView() {
    List<FunnelRow> onDirect = FunnelTableReader.of(dir.resolve("direct"), FunnelDimension.BRAND).finalView();
    List<FunnelRow> onSpark = FunnelTableReader.of(dir.resolve("spark"), FunnelDimension.BRAND).finalView();
    List<FunnelRow> onFlink = FunnelTableReader.of(dir.resolve("flink"), FunnelDimension.BRAND).finalView();
    assertThat(countsOnly(onFlink), equalTo(countsOnly(onDirect)));
    assertThat(onDirect.size(), greaterThan(1000));
    assertThat(countsOnly(onSpark), equalTo(countsOnly(onDirect)));
  }

  @Test
  @Timeout(120)
  void finalViewsEqualDuckDbOverTheRawCsv() throws Exception {
    assertThat(DuckDb.differences(inputGlob, dir.resolve("direct").toString()), is(empty()));
    assertThat(DuckDb.differences(inputGlob, dir.resolve("spark").toString()), is(empty()));
    assertThat(DuckDb.differences(inputGlob, dir.resolve("flink").toString()), is(empty()));
    long referenceRows = DuckDb.scalar("SELECT count(*) FROM (" + DuckDb.reference(inputGlob, 60) + ")");
    assertThat(referenceRows, is((long) direct.windows() > 0 ? referenceRows : -1));
    assertThat(
        DuckDb.scalar("SELECT count(*) FROM (" + DuckDb.finalView(dir.resolve("spark").toString()) + ")"),
        is(referenceRows));
  }

  @Test
  @Timeout(120)
  void verifyPassesOnTheDirectSparkAndFlinkOutput() throws Exception {
    for (String runner : List.of("direct", "spark", "flink")) {
      VerifyReport report =
          VerifyCommand.verify(
              VerifyOptions.fromArgs(
                  new String[] {"--input=" + inputGlob, "--output=" + dir.resolve(runner)}));
      assertThat(runner + "\n" + report.toText(), report.passed(), is(true));
    }
  }

  @Test
  @Timeout(120)
  void deadLettersHoldEveryQuarantinedRecordWithItsSource() throws Exception {
    for (String runner : List.of("direct", "spark", "flink")) {
      String table = dir.resolve(runner).resolve("dead_letter") + "/*.parquet";
      long rows = DuckDb.scalar("SELECT count(*) FROM read_parquet('" + table + "')");
      assertThat(rows, is(direct.metrics().quarantined()));
      long unsourced =
          DuckDb.scalar(
              "SELECT count(*) FROM read_parquet('" + table + "') "
                  + "WHERE source NOT LIKE '%events-%.csv' OR position < 2 OR reason = '' OR message = ''");
      assertThat(unsourced, is(0L));
    }
  }

  @Test
  @Timeout(300)
  void runningTheSameJobTwiceLeavesOneCopyOfEachRow() throws Exception {
    Path output = dir.resolve("direct");
    int before = FunnelTableReader.of(output, FunnelDimension.BRAND).allPanes().size();
    long deadBefore =
        DuckDb.scalar("SELECT count(*) FROM read_parquet('" + output.resolve("dead_letter") + "/*.parquet')");
    run("--runner=DirectRunner", output, NO_ENFORCEMENT);
    assertThat(FunnelTableReader.of(output, FunnelDimension.BRAND).allPanes().size(), is(before));
    assertThat(
        DuckDb.scalar("SELECT count(*) FROM read_parquet('" + output.resolve("dead_letter") + "/*.parquet')"),
        is(deadBefore));
    assertThat(DuckDb.differences(inputGlob, output.toString()), is(empty()));
  }

  /** The final view of {@code table} without pane columns, sketches as hex, in a stable order. */
  private static List<List<String>> finalViewRows(Path output, String table, String key) throws Exception {
    String sql = ClickstreamSql.finalView(output.toString(), table, key);
    return DuckDb.query("SELECT * EXCLUDE (pane_timing, pane_index, is_final) REPLACE ("
        + (table.startsWith("visitors")
            ? "hex(visitors_sketch) AS visitors_sketch, hex(sessions_sketch) AS sessions_sketch"
            : "window_date AS window_date")
        + ") FROM (" + sql + ") ORDER BY ALL");
  }

  @Test
  @Timeout(120)
  void directSparkAndFlinkWriteIdenticalPageViewsTopNAndVisitorSketches() throws Exception {
    Map<String, String> tables = Map.of(
        "pageviews_hourly", "product_id", "top_products_hourly", "rank",
        "visitors_hourly", "NULL", "visitors_hourly_brand", "brand",
        "visitors_daily", "NULL", "visitors_daily_brand", "brand");
    for (Map.Entry<String, String> table : tables.entrySet()) {
      List<List<String>> onDirect = finalViewRows(dir.resolve("direct"), table.getKey(), table.getValue());
      List<List<String>> onSpark = finalViewRows(dir.resolve("spark"), table.getKey(), table.getValue());
      List<List<String>> onFlink = finalViewRows(dir.resolve("flink"), table.getKey(), table.getValue());
      assertThat(table.getKey() + " on Flink", onFlink, equalTo(onDirect));
      assertThat(table.getKey() + " has rows", onDirect.size(), greaterThan(1));
      assertThat(table.getKey(), onSpark, equalTo(onDirect));
    }
    assertThat(finalViewRows(dir.resolve("direct"), "visitors_daily", "NULL").size(), is(2));
  }

  @Test
  @Timeout(120)
  void sketchBytesReadBackFromParquetGiveTheStoredEstimates() throws Exception {
    List<List<String>> rows = DuckDb.query("SELECT hex(visitors_sketch), visitors, hex(sessions_sketch), sessions "
        + "FROM read_parquet('" + dir.resolve("spark") + "/visitors_hourly_brand/*/*.parquet')");
    assertThat(rows.size(), greaterThan(100));
    for (List<String> row : rows) {
      assertThat(Math.round(HllSketch.heapify(HexFormat.of().parseHex(row.get(0))).getEstimate()),
          is(Long.parseLong(row.get(1))));
      assertThat(Math.round(HllSketch.heapify(HexFormat.of().parseHex(row.get(2))).getEstimate()),
          is(Long.parseLong(row.get(3))));
    }
  }

  @Test
  @Timeout(300)
  void sparkSqlHllUnionAggReadsTheHourlySketchesAndUnionsThemIntoTheDailySketch() throws Exception {
    String output = dir.resolve("direct").toString();
    String[] statements = SqlTemplate.load("spark/visitors_daily_rollup").with(Map.of("output", output)).split(";");
    SparkSession spark = SparkSession.builder().master("local[1]").appName("hll-compat")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    List<String> unionSketches = new ArrayList<>();
    List<Long> sparkEstimates = new ArrayList<>();
    try {
      spark.sql(statements[0].trim());
      for (Row row : spark.sql(statements[1].trim()).collectAsList()) {
        sparkEstimates.add(row.getLong(1));
      }
      for (Row row : spark.sql("SELECT window_date, hll_union_agg(visitors_sketch) FROM fp_visitors_hourly "
          + "GROUP BY window_date ORDER BY window_date").collectAsList()) {
        byte[] union = (byte[]) row.get(1);
        unionSketches.add(HexFormat.of().formatHex(CanonicalHll.bytes(HllSketch.heapify(union))).toUpperCase());
      }
    } finally {
      spark.stop();
    }
    List<List<String>> ours = DuckDb.query("SELECT hex(visitors_sketch), visitors FROM ("
        + ClickstreamSql.finalView(output, "visitors_daily", "NULL") + ") ORDER BY window_date");
    assertThat(unionSketches.size(), is(2));
    for (int day = 0; day < 2; day++) {
      // Same registers: Spark's union is FunnelPulse's daily sketch in canonical form.
      assertThat(unionSketches.get(day), equalTo(ours.get(day).get(0)));
      // Spark keeps the order-dependent HIP estimate of its union; it lies within the error bound.
      long visitors = Long.parseLong(ours.get(day).get(1));
      assertThat((double) Math.abs(sparkEstimates.get(day) - visitors),
          lessThanOrEqualTo(3 * CanonicalHll.relativeStandardError(12) * visitors));
    }
  }
}
