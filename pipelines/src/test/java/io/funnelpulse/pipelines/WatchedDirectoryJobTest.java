package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.replay.ReplayOptions;
import io.funnelpulse.replay.ReplayReport;
import io.funnelpulse.replay.Replayer;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import io.funnelpulse.verify.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with {@code --source=WATCH} on the Direct runner, on Spark streaming ({@code local[2]}) and on
 * Flink (an embedded cluster),
 * run as the {@code run} command runs it: generated events (1% malformed) are replayed into a directory
 * while it runs, 2% of them 110 minutes late (within the allowed lateness, so they correct their
 * windows in LATE panes) and 1% four hours late; then the replay's end marker completes the input and
 * the job ends by itself. The dead letters hold exactly the lines the test finds past their window's
 * horizon, with file and line; the run summary says the input was complete; and verify passes every
 * check (final view equal to DuckDB's recomputation over the other events, no duplicate pane, all
 * windows present, conservation, visitors, page views and Top-N). Each flush is a file of its own.
 */
@Tag("slow")
class WatchedDirectoryJobTest {
  private static final long DEADLINE_MILLIS = 150_000;
  private static final long POLL_MILLIS = 500;
  private static final int OUT_OF_ORDERNESS_MINUTES = 10;
  private static final int LATENESS_MINUTES = 120;

  /** A Flink stream in an embedded cluster of this JVM. */
  static final String[] FLINK_ARGS = {
    "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2", "--checkpointingInterval=1000"
  };

  @TempDir Path dir;

  @Test
  @Timeout(240)
  void landedFilesStreamToTheSameFinalViewAsTheReferenceOnDirect() throws Exception {
    streamAndCompare("--runner=DirectRunner");
  }

  @Test
  @Timeout(300)
  void landedFilesStreamToTheSameFinalViewAsTheReferenceOnSparkStreaming() throws Exception {
    streamAndCompare(sparkStreamingArgs());
  }

  /**
   * On Flink (an embedded cluster in this JVM, parallelism 2), with checkpoints every second: the
   * writes wait for the checkpoint that covers them, and the job ends by itself with its input.
   */
  @Test
  @Timeout(300)
  void landedFilesStreamToTheSameFinalViewAsTheReferenceOnFlink() throws Exception {
    streamAndCompare(FLINK_ARGS);
  }

  /**
   * A backlog on Spark streaming: every file landed before the job starts and the first micro-batch
   * reads three days of events, more than the session ledger's horizon. A brand's session changes of
   * that micro-batch come from both partitions of the ledger, with clocks past many of the hours they
   * change; each hourly group must still be written once per pane, and the session tables must equal
   * DuckDB's (before the changes were applied per arrival, a group let go after the first partition's
   * changes was written again under pane 0).
   */
  @Test
  @Timeout(300)
  void aBacklogOfDaysInOneMicroBatchKeepsEachSessionGroupWholeOnSparkStreaming() throws Exception {
    Path landing = dir.resolve("landing");
    EventGenerator.of(GeneratorOptions.defaults().withEvents(30_000).withDays(3).withFiles(6).withSeed(5L))
        .writeTo(landing);
    Files.createFile(landing.resolve(WatchedDirectorySource.END_MARKER));
    Path output = dir.resolve("out");
    // Micro-batches of 4 s, each reading for at least 3 s: the first reads every file.
    List<String> args = new java.util.ArrayList<>();
    for (String arg : sparkStreamingArgs()) {
      args.add(arg.startsWith("--batchIntervalMillis=") ? "--batchIntervalMillis=4000" : arg);
    }
    args.addAll(List.of("--source=WATCH", "--input=" + landing, "--output=" + output, "--minReadTimeMillis=3000"));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PipelineResult.State state =
        StreamingJob.runUntilStopped(options, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(log.toString(StandardCharsets.UTF_8), state, is(PipelineResult.State.DONE));

    String sessionFunnel = "read_parquet('" + output + "/session_funnel_hourly_brand/*/*.parquet')";
    assertThat(DuckDb.scalar("SELECT count(*) FROM " + sessionFunnel), greaterThan(1_000L));
    assertThat(DuckDb.scalar("SELECT count(*) - count(DISTINCT (window_start, brand, pane_index)) FROM "
        + sessionFunnel), is(0L));
    VerifyReport report = VerifyCommand.verify(
        VerifyOptions.fromArgs(new String[] {"--input=" + landing + "/*.csv", "--output=" + output}));
    assertThat(report.toText(), report.passed(), is(true));
  }

  /** Arguments of a Spark streaming run in this JVM, after clearing the runner's static state. */
  private String[] sparkStreamingArgs() {
    return SparkStreamingArgs.local(dir.resolve("spark-checkpoint"));
  }

  private void streamAndCompare(String... runnerArgs) throws Exception {
    EventGenerator.of(
            GeneratorOptions.defaults()
                .withEvents(6_000)
                .withDays(1)
                .withFiles(4)
                .withSeed(3L)
                .withMalformedFraction(0.01))
        .writeTo(dir.resolve("generated"));
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path output = dir.resolve("out");
    List<String> args = new java.util.ArrayList<>(List.of(runnerArgs));
    args.addAll(
        List.of(
            "--source=WATCH",
            "--input=" + landing,
            "--output=" + output,
            "--earlyFiringDelaySeconds=1",
            "--maxOutOfOrdernessMinutes=" + OUT_OF_ORDERNESS_MINUTES,
            "--allowedLatenessMinutes=" + LATENESS_MINUTES));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class);
    CompletableFuture<ReplayReport> replay =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Replayer.of(
                        ReplayOptions.fromArgs(
                            new String[] {
                              "--to=" + landing,
                              "--input=" + dir.resolve("generated") + "/*.csv",
                              "--eventsPerFile=125",
                              "--lateFraction=0.02",
                              "--lateMinutes=110",
                              "--tooLateFraction=0.01",
                              "--tooLateMinutes=240",
                              "--filesPerSecond=2"
                            }))
                    .run();
              } catch (Exception e) {
                throw new IllegalStateException("replay failed", e);
              }
            });
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PipelineResult.State state =
        StreamingJob.runUntilStopped(options, new PrintStream(log, true, StandardCharsets.UTF_8));
    ReplayReport replayed = replay.get();
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed, state, is(PipelineResult.State.DONE));
    assertThat(replayed.lateLines(), greaterThan(0L));
    // Every runner reports progress while the stream runs (Flink's from its cluster's REST API).
    assertThat(printed, Pattern.compile("s  processed [1-9]").matcher(printed).find(), is(true));

    LandedEvents landed = LandedEvents.in(landing);
    List<LandedEvents.Line> tooLate = landed.tooLate(LATENESS_MINUTES, OUT_OF_ORDERNESS_MINUTES);
    assertThat(tooLate.size(), greaterThan(10));
    List<List<String>> tooLatePositions =
        tooLate.stream().map(LandedEvents.Line::position).collect(Collectors.toList());
    assertThat(
        DuckDb.query("SELECT source, position FROM read_parquet('" + output
            + "/dead_letter/*.parquet') WHERE reason = 'too_late' ORDER BY source, position"),
        is(tooLatePositions));

    JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    assertThat(printed, summary.path("mode").asText(), is("streaming"));
    assertThat(summary.path("input_complete").asBoolean(), is(true));
    assertThat(summary.path("records_read").asLong(), is((long) landed.size()));
    assertThat(summary.path("too_late_records").asLong(), is((long) tooLate.size()));
    assertThat(summary.path("open_windows").asLong(), is(0L));

    // Every check of verify, against DuckDB over the landed events the job could still count.
    Path reference = landed.writeWithout(tooLate, dir.resolve("reference").resolve("events.csv"));
    VerifyReport report =
        VerifyCommand.verify(VerifyOptions.fromArgs(new String[] {"--input=" + reference, "--output=" + output}));
    assertThat(report.toText(), report.passed(), is(true));

    long latePanes =
        DuckDb.scalar("SELECT count(*) FROM read_parquet('" + output
            + "/funnel_hourly_brand/*/*.parquet') WHERE pane_timing = 'LATE'");
    assertThat(latePanes, greaterThan(0L));
    try (Stream<Path> files = Files.walk(output.resolve("funnel_hourly_brand"))) {
      List<String> names =
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".parquet"))
              .collect(Collectors.toList());
      assertThat(names.stream().allMatch(n -> n.contains("-pane-")), is(true));
    }
  }

  @Test
  @Timeout(120)
  void anEventReadAfterItsWindowClosedGoesToTheDeadLettersAsTooLateOnDirect() throws Exception {
    tooLateGoesToTheDeadLetters("--runner=DirectRunner");
  }

  @Test
  @Timeout(180)
  void anEventReadAfterItsWindowClosedGoesToTheDeadLettersAsTooLateOnSparkStreaming() throws Exception {
    tooLateGoesToTheDeadLetters(sparkStreamingArgs());
  }

  /**
   * Lands an on-time event and one two hours later (the watermark passes 10:00's window plus 30
   * minutes of lateness), then, in a later file, a 10:10 event: exactly that one is a dead letter
   * with reason too_late, its file and line; the source counts one too-late and no late record and
   * reports its watermark.
   */
  private void tooLateGoesToTheDeadLetters(String... runnerArgs) throws Exception {
    String header =
        "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
    String onTime = "2019-10-01 10:00:00 UTC,purchase,1,2,,apple,10.00,3,s";
    String advancing = "2019-10-01 12:00:00 UTC,view,1,2,,apple,10.00,3,s";
    String tooLate = "2019-10-01 10:10:00 UTC,purchase,1,2,,apple,99.99,3,s";
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path output = dir.resolve("out");
    List<String> args = new java.util.ArrayList<>(List.of(runnerArgs));
    args.addAll(List.of("--source=WATCH", "--input=" + landing, "--output=" + output,
        "--maxOutOfOrdernessMinutes=0", "--allowedLatenessMinutes=30"));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class);
    PipelineResult result = StreamingJob.start(options);
    try {
      Files.write(landing.resolve(".a.tmp"), List.of(header, onTime, advancing));
      Files.move(landing.resolve(".a.tmp"), landing.resolve("a.csv"), StandardCopyOption.ATOMIC_MOVE);
      awaitTooLate(result, 0);
      Files.write(landing.resolve(".b.tmp"), List.of(header, tooLate));
      Files.move(landing.resolve(".b.tmp"), landing.resolve("b.csv"), StandardCopyOption.ATOMIC_MOVE);
      String query = "SELECT raw, source, position FROM read_parquet('" + output
          + "/dead_letter/*.parquet') WHERE reason = 'too_late'";
      long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
      List<List<String>> rows = List.of();
      while (rows.isEmpty() && System.currentTimeMillis() < deadline) {
        try {
          rows = DuckDb.query(query);
        } catch (SQLException noFilesYet) {
          // no dead-letter file yet
        }
        if (rows.isEmpty()) {
          Thread.sleep(POLL_MILLIS);
        }
      }
      assertThat(rows, is(List.of(List.of(tooLate, landing.resolve("b.csv").toString(), "2"))));
      SourceProgress progress = awaitTooLate(result, 1);
      assertThat(progress.tooLateRecords(), is(1L));
      assertThat(progress.lateRecords(), is(0L));
      assertThat(progress.watermark(), is(java.time.Instant.parse("2019-10-01T12:00:00Z")));
    } finally {
      SparkStreamingArgs.cancelNow(result);
    }
  }

  /** Polls the source's metrics until it has read an event and counts {@code tooLate}; the last reading. */
  private static SourceProgress awaitTooLate(PipelineResult result, long tooLate) throws InterruptedException {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    SourceProgress progress = SourceProgress.of(result);
    while ((progress.watermark() == null || progress.tooLateRecords() < tooLate)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(POLL_MILLIS);
      progress = SourceProgress.of(result);
    }
    return progress;
  }
}
