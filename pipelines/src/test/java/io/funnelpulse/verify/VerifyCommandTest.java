package io.funnelpulse.verify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.pipelines.BatchJob;
import io.funnelpulse.pipelines.FunnelPulseOptions;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.sql.DuckDbSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify over a good Direct run passes; over copies of that output that a test tampered with (a count
 * changed, a row removed, a partition deleted, a pane written twice, a summary that disagrees) it fails
 * and names the row; warnings fail only with --strict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class VerifyCommandTest {
  @TempDir static Path dir;
  private String input;
  private Path goodOutput;

  @BeforeAll
  @Timeout(300)
  void runOnce() throws Exception {
    EventGenerator.of(
            GeneratorOptions.defaults().withEvents(12_000).withDays(2).withSeed(11L).withMalformedFraction(0.01))
        .writeTo(dir.resolve("input"));
    input = dir.resolve("input") + "/*.csv";
    goodOutput = dir.resolve("good");
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner", "--input=" + input, "--output=" + goodOutput)
            .as(FunnelPulseOptions.class);
    BatchJob.run(options, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
  }

  private VerifyReport verify(Path output, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--input=" + input, "--output=" + output));
    args.addAll(List.of(extra));
    return VerifyCommand.verify(VerifyOptions.fromArgs(args.toArray(new String[0])));
  }

  private Path copyOfGoodOutput(String name) throws IOException {
    Path target = dir.resolve(name);
    try (Stream<Path> paths = Files.walk(goodOutput)) {
      for (Path source : paths.collect(Collectors.toList())) {
        Path copy = target.resolve(goodOutput.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    return target;
  }

  private static Path firstFunnelFile(Path output) throws IOException {
    try (Stream<Path> files = Files.walk(output.resolve("funnel_hourly_brand"))) {
      return files.filter(f -> f.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
  }

  /** Rewrites a Parquet file through DuckDB with {@code select} ('{file}' stands for the file). */
  private static void rewrite(Path file, String select) throws Exception {
    Path rewritten = file.resolveSibling("rewritten.tmp");
    try (DuckDbSession db = DuckDbSession.open()) {
      db.execute("COPY (" + select.replace("{file}", "read_parquet('" + file + "')") + ") TO '"
          + rewritten + "' (FORMAT PARQUET)");
    }
    Files.move(rewritten, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The (window start, brand) of the busiest named-brand row in {@code file}, as a SQL condition. */
  private static String busiestRowCondition(Path file) throws Exception {
    try (DuckDbSession db = DuckDbSession.open()) {
      List<Object> row = db.query("SELECT epoch_ms(window_start), brand FROM read_parquet('" + file
          + "') WHERE brand IS NOT NULL ORDER BY views DESC, brand LIMIT 1").get(0);
      return "epoch_ms(window_start) = " + row.get(0) + " AND brand = '" + row.get(1) + "'";
    }
  }

  private static String brandOf(String condition) {
    return condition.substring(condition.indexOf("brand = '") + 9, condition.length() - 1);
  }

  @Test
  void aGoodRunPassesEveryCheck() throws Exception {
    VerifyReport report = verify(goodOutput);
    assertThat(report.toText(), report.passed(), is(true));
    for (CheckResult result : report.results()) {
      assertThat(result.toString(), result.status(), is(CheckResult.Status.PASS));
    }
  }

  @Test
  void theCommandPrintsTheReportWritesJsonAndExitsZero() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--input=" + input, "--output=" + goodOutput},
        new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(code, is(0));
    assertThat(text.toString(StandardCharsets.UTF_8), containsString("verify: PASSED"));
    JsonNode json = new ObjectMapper().readTree(goodOutput.resolve(VerifyReport.FILE_NAME).toFile());
    assertThat(json.get("passed").asBoolean(), is(true));
    assertThat(json.get("checks").size(), is(12));
  }

  @Test
  void aChangedCountFailsAndNamesTheRow() throws Exception {
    Path output = copyOfGoodOutput("changed-count");
    Path file = firstFunnelFile(output);
    String row = busiestRowCondition(file);
    rewrite(file, "SELECT * REPLACE (CASE WHEN " + row + " THEN views + 1 ELSE views END AS views) FROM {file}");
    VerifyReport report = verify(output);
    assertThat(report.passed(), is(false));
    CheckResult result = report.result("funnel_matches_reference");
    assertThat(result.status(), is(CheckResult.Status.FAIL));
    assertThat(result.summary(), containsString("2 rows differ"));
    assertThat(String.join("\n", result.samples()), containsString("key=" + brandOf(row)));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--input=" + input, "--output=" + output},
        new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(code, is(1));
    assertThat(text.toString(StandardCharsets.UTF_8), containsString("verify: FAILED"));
  }

  @Test
  void aRemovedRowFailsAsMissingAndBreaksConservation() throws Exception {
    Path output = copyOfGoodOutput("removed-row");
    Path file = firstFunnelFile(output);
    String row = busiestRowCondition(file);
    rewrite(file, "SELECT * FROM {file} WHERE (" + row + ") IS NOT TRUE");
    VerifyReport report = verify(output);
    CheckResult result = report.result("funnel_matches_reference");
    assertThat(result.status(), is(CheckResult.Status.FAIL));
    assertThat(result.summary(), containsString("1 rows differ"));
    assertThat(result.samples().get(0), containsString("missing: window"));
    assertThat(result.samples().get(0), containsString("key=" + brandOf(row)));
    assertThat(report.result("conservation").status(), is(CheckResult.Status.FAIL));
  }

  @Test
  void aDeletedPartitionFailsCompleteness() throws Exception {
    Path output = copyOfGoodOutput("deleted-partition");
    Path partition = firstFunnelFile(output).getParent();
    try (Stream<Path> paths = Files.walk(partition)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(path);
      }
    }
    VerifyReport report = verify(output);
    CheckResult result = report.result("windows_complete");
    assertThat(result.status(), is(CheckResult.Status.FAIL));
    String date = partition.getFileName().toString().substring("window_date=".length());
    assertThat(result.samples(), hasItem(containsString("missing window " + date + "T00:00:00Z")));
  }

  @Test
  void aPaneWrittenTwiceWithoutAHigherIndexFails() throws Exception {
    Path output = copyOfGoodOutput("duplicate-pane");
    Path file = firstFunnelFile(output);
    String row = busiestRowCondition(file);
    Path duplicate = file.resolveSibling("funnel_hourly_brand-duplicate.parquet");
    try (DuckDbSession db = DuckDbSession.open()) {
      db.execute("COPY (SELECT * FROM read_parquet('" + file + "') WHERE " + row + ") TO '" + duplicate
          + "' (FORMAT PARQUET)");
    }
    VerifyReport report = verify(output);
    CheckResult result = report.result("no_duplicate_panes");
    assertThat(result.status(), is(CheckResult.Status.FAIL));
    assertThat(result.samples().get(0), containsString("key=" + brandOf(row)));
    assertThat(result.samples().get(0), containsString("written 2 times"));
  }

  @Test
  void aSummaryThatDisagreesWithTheOutputsFailsConservation() throws Exception {
    Path output = copyOfGoodOutput("bad-summary");
    Path summaryFile = output.resolve(RunSummary.FILE_NAME);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode summary = (ObjectNode) mapper.readTree(summaryFile.toFile());
    summary.put("valid", summary.get("valid").asLong() + 5);
    mapper.writeValue(summaryFile.toFile(), summary);
    CheckResult result = verify(output).result("conservation");
    assertThat(result.status(), is(CheckResult.Status.FAIL));
    assertThat(String.join("\n", result.samples()), containsString("!= valid"));
    assertThat(verify(output).result("funnel_matches_reference").status(), is(CheckResult.Status.PASS));
  }

  @Test
  void aStreamResumedFromACheckpointOrStoppedEarlyOnlyWarnsWhenItsCountsDisagree() throws Exception {
    for (String fact : List.of("resumed_from_checkpoint", "input_complete")) {
      Path output = copyOfGoodOutput("stream-" + fact);
      Path summaryFile = output.resolve(RunSummary.FILE_NAME);
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode summary = (ObjectNode) mapper.readTree(summaryFile.toFile());
      summary.put("mode", "streaming");
      summary.put("input_complete", !fact.equals("input_complete"));
      summary.put("resumed_from_checkpoint", fact.equals("resumed_from_checkpoint"));
      summary.put("records_read", summary.get("records_read").asLong() + 2_000);
      mapper.writeValue(summaryFile.toFile(), summary);
      VerifyReport report = verify(output);
      assertThat(fact, report.result("conservation").status(), is(CheckResult.Status.WARN));
      assertThat(String.join("\n", report.result("conservation").samples()), containsString("records read"));
      assertThat(report.passed(), is(true));
      assertThat(verify(output, "--strict").passed(), is(false));
    }
  }

  @Test
  void aHighQuarantineShareWarnsAndFailsOnlyWhenStrict() throws Exception {
    VerifyReport lenient = verify(goodOutput, "--quarantineWarnShare=0.0001");
    assertThat(lenient.result("quarantine_share").status(), is(CheckResult.Status.WARN));
    assertThat(lenient.passed(), is(true));
    assertThat(verify(goodOutput, "--quarantineWarnShare=0.0001", "--strict").passed(), is(false));
  }

  @Test
  void badArgumentsExitWithTwo() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--output=" + goodOutput},
        new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(code, is(2));
    assertThat(text.toString(StandardCharsets.UTF_8), containsString("--input"));
  }
}
