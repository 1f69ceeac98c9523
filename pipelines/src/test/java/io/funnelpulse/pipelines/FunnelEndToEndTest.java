package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.FunnelTableReader;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import io.funnelpulse.verify.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated input (out-of-order rows, malformed lines, zero and negative prices) through the same
 * pipeline on the Direct runner and on Spark {@code local[2]}: the Parquet each writes is read back,
 * their final views are identical and equal DuckDB's independent computation over the raw CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunnelEndToEndTest {
  private static final long EVENTS = 40_000;

  @TempDir static Path dir;
  private String inputGlob;
  private GenerationReport generated;
  private RunSummary direct;
  private RunSummary spark;

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
    direct = run("--runner=DirectRunner", dir.resolve("direct"));
    spark = run("--runner=SparkRunner", dir.resolve("spark"), "--sparkMaster=local[2]");
  }

  private RunSummary run(String runner, Path output, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of(runner, "--input=" + inputGlob, "--output=" + output));
    args.addAll(List.of(extra));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    RunSummary summary = RunCommand.run(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(text.toString(StandardCharsets.UTF_8).contains("read = valid + quarantined: yes"), is(true));
    return summary;
  }

  private static List<String> countsOnly(List<FunnelRow> finalView) {
    return finalView.stream()
        .map(r -> r.windowStartMillis() + "|" + r.windowEndMillis() + "|" + r.key() + "|" + r.counts())
        .collect(Collectors.toList());
  }

  @Test
  void everyRecordIsCountedOrQuarantinedOnBothRunners() {
    long expectedRead = generated.validEvents() + generated.malformedLines();
    for (RunSummary summary : List.of(direct, spark)) {
      assertThat(summary.metrics().recordsRead(), is(expectedRead));
      assertThat(summary.metrics().conserved(), is(true));
      assertThat(summary.metrics().quarantined(), greaterThan(generated.malformedLines() - 1));
    }
    assertThat(spark.metrics().quarantinedByReason(), equalTo(direct.metrics().quarantinedByReason()));
  }

  @Test
  void directAndSparkWriteTheSameFinalView() {
    List<FunnelRow> onDirect = FunnelTableReader.of(dir.resolve("direct"), FunnelDimension.BRAND).finalView();
    List<FunnelRow> onSpark = FunnelTableReader.of(dir.resolve("spark"), FunnelDimension.BRAND).finalView();
    assertThat(onDirect.size(), greaterThan(1000));
    assertThat(countsOnly(onSpark), equalTo(countsOnly(onDirect)));
  }

  @Test
  @Timeout(120)
  void finalViewsEqualDuckDbOverTheRawCsv() throws Exception {
    assertThat(DuckDb.differences(inputGlob, dir.resolve("direct").toString()), is(empty()));
    assertThat(DuckDb.differences(inputGlob, dir.resolve("spark").toString()), is(empty()));
    long referenceRows = DuckDb.scalar("SELECT count(*) FROM (" + DuckDb.reference(inputGlob, 60) + ")");
    assertThat(referenceRows, is((long) direct.windows() > 0 ? referenceRows : -1));
    assertThat(
        DuckDb.scalar("SELECT count(*) FROM (" + DuckDb.finalView(dir.resolve("spark").toString()) + ")"),
        is(referenceRows));
  }

  @Test
  @Timeout(120)
  void verifyPassesOnTheDirectAndTheSparkOutput() throws Exception {
    for (String runner : List.of("direct", "spark")) {
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
    for (String runner : List.of("direct", "spark")) {
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
    run("--runner=DirectRunner", output);
    assertThat(FunnelTableReader.of(output, FunnelDimension.BRAND).allPanes().size(), is(before));
    assertThat(
        DuckDb.scalar("SELECT count(*) FROM read_parquet('" + output.resolve("dead_letter") + "/*.parquet')"),
        is(deadBefore));
    assertThat(DuckDb.differences(inputGlob, output.toString()), is(empty()));
  }
}
