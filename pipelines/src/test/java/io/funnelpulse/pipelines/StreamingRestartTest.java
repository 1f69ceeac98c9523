package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.verify.CheckResult;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import io.funnelpulse.verify.VerifyReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart on Spark streaming and on Flink: the job runs in a child JVM watching a landing directory with a fixed
 * checkpoint directory. It is stopped before its input is complete, with SIGTERM once its first output is
 * written (it then exits 0 with a summary saying so) or with SIGKILL as a flush lands while the rest of
 * that flush is still being written, and started again with the same arguments each time; then the rest
 * land, and the end marker. The last run finishes by itself, and its final view equals DuckDB's
 * recomputation over all files (no window missing, no event counted twice) and passes every check of
 * verify, conservation against its run summary included; among them, that sessions open across a stop are
 * counted once, in their final shape. Kills at random moments are the soak's
 * ({@code SoakScriptIT}).
 */
@Tag("slow")
class StreamingRestartTest {
  private static final long DEADLINE_MILLIS = 240_000;
  private static final long POLL_MILLIS = 1_000;

  @TempDir Path dir;
  private long recordsLanded;

  private static void land(List<Path> files, Path landing) throws Exception {
    for (Path file : files) {
      Path staged = landing.resolve("." + file.getFileName() + ".tmp");
      Files.copy(file, staged);
      Files.move(staged, landing.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Polls until more than {@code count} Parquet files are under the output (the job must stay alive). */
  private static void awaitMoreFiles(Process job, Path output, long count, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (ChildStreamingJob.parquetFiles(output) <= count && System.currentTimeMillis() < deadline) {
      assertThat("job died before it was stopped:\n" + ChildStreamingJob.tail(log), job.isAlive(), is(true));
      Thread.sleep(POLL_MILLIS);
    }
    assertThat("no new output before the kill", ChildStreamingJob.parquetFiles(output), greaterThan(count));
  }

  /**
   * On Spark the job is first stopped with SIGTERM once its first output is written: it exits 0 having
   * written a summary that says it was stopped before its input was complete. Started again, it is
   * killed as the first file of a later flush lands, while the other tables of that micro-batch are
   * still being written. Started a third time it finishes.
   */
  @Test
  @Timeout(900)
  void aSparkJobStoppedWithSigtermThenKilledWhileAFlushIsBeingWrittenResumesEachTimeWithoutLossOrDoubleCounting()
      throws Exception {
    interruptAndResume(ChildStreamingJob::spark, Stop.SIGTERM, Stop.SIGKILL_MID_FLUSH);
  }

  /**
   * On Flink (the shipped small-machine profile: heap state, object reuse, one subtask per step; the
   * Kafka restart test covers the RocksDB default) the kill comes as a later flush lands; the job
   * started again resumes from the newest checkpoint retained under its state directory, its source where the checkpoint left it (it reads
   * fewer records than were landed). The writes wait for the checkpoint that covers their input, so
   * no file holds rows the restarted job writes again: no pane twice, nothing missing.
   */
  @Test
  @Timeout(600)
  void aFlinkJobKilledWhileAFlushIsBeingWrittenResumesFromItsRetainedCheckpointWithoutLossOrDoubleCounting()
      throws Exception {
    JsonNode last = interruptAndResume(
        (checkpoint, log, jobArgs) -> ChildStreamingJob.flinkSmall(checkpoint, log, withEarlyFirings(jobArgs)),
        Stop.SIGKILL_MID_FLUSH);
    // Flink keeps no metrics across a restore: the resumed run counts what it read itself, which is
    // only what the killed run had not read (read again from the start, it would count every record).
    long readByResumedRun = last.path("records_read").asLong();
    assertThat(readByResumedRun, greaterThan(0L));
    assertThat("the resumed run read its input again from the start", readByResumedRun, lessThan(recordsLanded));
  }

  private static String[] withEarlyFirings(String... jobArgs) {
    String[] args = Arrays.copyOf(jobArgs, jobArgs.length + 1);
    args[jobArgs.length] = "--earlyFiringDelaySeconds=1";
    return args;
  }

  private static void stopWithSigterm(Process run, Path output, Path log) throws Exception {
    run.destroy();
    assertThat("stopped job did not exit:\n" + ChildStreamingJob.tail(log), run.waitFor(120, TimeUnit.SECONDS), is(true));
    assertThat("stopped job failed:\n" + ChildStreamingJob.tail(log), run.exitValue(), is(0));
    assertThat(Files.readString(log), containsString("stopped by SIGTERM"));
    JsonNode stopped = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    assertThat(stopped.path("stopped_by").asText(), is("SIGTERM"));
    assertThat(stopped.path("input_complete").asBoolean(), is(false));
  }

  /** Starts the job in a child JVM with its checkpoint directory, log and arguments. */
  private interface ChildStarter {
    Process start(Path checkpoint, Path log, String... jobArgs) throws Exception;
  }

  /** How a run of the job is ended before its input is complete. */
  private enum Stop {
    /** SIGTERM once the run has written output: a clean stop. */
    SIGTERM,
    /** SIGKILL as the first file of a flush after two more files landed. */
    SIGKILL_MID_FLUSH
  }

  /** Runs, stops and resumes the job, then checks its output; returns the last run's summary. */
  private JsonNode interruptAndResume(ChildStarter job, Stop... stops) throws Exception {
    GenerationReport generated =
        EventGenerator.of(GeneratorOptions.defaults().withEvents(20_000).withDays(1).withFiles(10).withSeed(5L))
            .writeTo(dir.resolve("generated"));
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path output = dir.resolve("out");
    Path checkpoint = dir.resolve("checkpoint");
    Path log = dir.resolve("job.log");
    List<Path> files = generated.files();
    recordsLanded = generated.validEvents() + generated.malformedLines();
    int landed = 0;
    for (Stop stop : stops) {
      Process run = job.start(checkpoint, log, "--source=WATCH", "--input=" + landing, "--output=" + output);
      try {
        if (landed == 0) {
          land(files.subList(0, 5), landing);
          landed = 5;
          awaitMoreFiles(run, output, 0, log);
        }
        if (stop == Stop.SIGKILL_MID_FLUSH) {
          long before = ChildStreamingJob.parquetFiles(output);
          land(files.subList(landed, landed + 2), landing);
          landed += 2;
          awaitMoreFiles(run, output, before, log);
        } else {
          stopWithSigterm(run, output, log);
        }
      } finally {
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }

    Process last = job.start(checkpoint, log, "--source=WATCH", "--input=" + landing, "--output=" + output);
    try {
      land(files.subList(landed, files.size()), landing);
      Files.write(landing.resolve(WatchedDirectorySource.END_MARKER), new byte[0]);
      // With its input complete the job closes every window, writes its summary and exits by itself.
      assertThat("restarted job did not finish:\n" + ChildStreamingJob.tail(log),
          last.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS), is(true));
      assertThat("restarted job failed:\n" + ChildStreamingJob.tail(log), last.exitValue(), is(0));
      String inputGlob = dir.resolve("generated") + File.separator + "*.csv";
      assertThat(DuckDb.differences(inputGlob, output.toString()), is(empty()));
      VerifyReport report =
          VerifyCommand.verify(VerifyOptions.fromArgs(new String[] {"--input=" + inputGlob, "--output=" + output}));
      assertThat(report.toText(), report.passed(), is(true));
      // Sessions open while the job was stopped are counted once, in their final shape.
      for (String check : List.of("sessions_match_reference", "session_funnel_matches_reference")) {
        assertThat(report.toText(), report.result(check).status(), is(CheckResult.Status.PASS));
      }
      JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
      assertThat(summary.path("resumed_from_checkpoint").asBoolean(), is(true));
      assertThat(summary.path("input_complete").asBoolean(), is(true));
      return summary;
    } finally {
      last.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
