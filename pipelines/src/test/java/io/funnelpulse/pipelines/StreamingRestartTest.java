package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.watch.WatchedDirectorySource;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart on Spark streaming and on Flink: the job runs in a child JVM watching a landing directory with a fixed
 * checkpoint directory; it is killed (SIGKILL) as a flush lands while the rest of that micro-batch is
 * still being written, or stopped with SIGTERM once its first output is written (it then exits 0 with
 * a summary saying so); it is started again with the same arguments, and the rest land,
 * then the end marker. The restarted job then finishes by itself,
 * and its final view equals DuckDB's recomputation over all files (no window missing, no event counted
 * twice) and passes every check of verify, conservation against its run summary included. Kills at
 * random moments are the soak's ({@code SoakScriptIT}).
 */
@Tag("slow")
class StreamingRestartTest {
  private static final long DEADLINE_MILLIS = 240_000;
  private static final long POLL_MILLIS = 1_000;

  @TempDir Path dir;

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
      assertThat("first job died:\n" + ChildStreamingJob.tail(log), job.isAlive(), is(true));
      Thread.sleep(POLL_MILLIS);
    }
    assertThat("no new output before the kill", ChildStreamingJob.parquetFiles(output), greaterThan(count));
  }

  /**
   * SIGTERM stops the job cleanly: it exits 0 having written a summary that says it was stopped before
   * its input was complete, and started again it resumes.
   */
  @Test
  @Timeout(600)
  void aJobStoppedWithSigtermWritesItsSummaryExitsZeroAndResumes() throws Exception {
    killAndRestart(false, true);
  }

  /**
   * The kill comes as the first file of a later flush lands, while the other tables of that
   * micro-batch are still being written.
   */
  @Test
  @Timeout(600)
  void aJobKilledWhileAFlushIsBeingWrittenResumesWithoutLossOrDoubleCounting() throws Exception {
    killAndRestart(true, false);
  }

  /**
   * On Flink the kill comes the same way; the job started again resumes from the newest checkpoint
   * retained under its state directory. The writes wait for the checkpoint that covers their input, so
   * no file holds rows the restarted job writes again: no pane twice, nothing missing.
   */
  @Test
  @Timeout(600)
  void aFlinkJobKilledWhileAFlushIsBeingWrittenResumesFromItsRetainedCheckpointWithoutLossOrDoubleCounting()
      throws Exception {
    killAndRestart(
        (checkpoint, log, jobArgs) -> ChildStreamingJob.flink(checkpoint, log, withEarlyFirings(jobArgs)), true, false);
  }

  private static String[] withEarlyFirings(String... jobArgs) {
    String[] args = Arrays.copyOf(jobArgs, jobArgs.length + 1);
    args[jobArgs.length] = "--earlyFiringDelaySeconds=1";
    return args;
  }

  /** Starts the job in a child JVM with its checkpoint directory, log and arguments. */
  private interface ChildStarter {
    Process start(Path checkpoint, Path log, String... jobArgs) throws Exception;
  }

  private void killAndRestart(boolean midFlush, boolean sigterm) throws Exception {
    killAndRestart(ChildStreamingJob::spark, midFlush, sigterm);
  }

  private void killAndRestart(ChildStarter job, boolean midFlush, boolean sigterm) throws Exception {
    GenerationReport generated =
        EventGenerator.of(GeneratorOptions.defaults().withEvents(20_000).withDays(1).withFiles(10).withSeed(5L))
            .writeTo(dir.resolve("generated"));
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path output = dir.resolve("out");
    Path checkpoint = dir.resolve("checkpoint");
    Path log = dir.resolve("job.log");
    List<Path> files = generated.files();
    int landedBeforeKill = midFlush ? 7 : 5;

    Process first = job.start(checkpoint, log, "--source=WATCH", "--input=" + landing, "--output=" + output);
    try {
      land(files.subList(0, 5), landing);
      awaitMoreFiles(first, output, 0, log);
      if (midFlush) {
        long before = ChildStreamingJob.parquetFiles(output);
        land(files.subList(5, landedBeforeKill), landing);
        awaitMoreFiles(first, output, before, log);
      }
      if (sigterm) {
        first.destroy();
        assertThat("stopped job did not exit:\n" + ChildStreamingJob.tail(log), first.waitFor(120, TimeUnit.SECONDS), is(true));
        assertThat("stopped job failed:\n" + ChildStreamingJob.tail(log), first.exitValue(), is(0));
        assertThat(Files.readString(log), containsString("stopped by SIGTERM"));
        JsonNode stopped = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
        assertThat(stopped.path("stopped_by").asText(), is("SIGTERM"));
        assertThat(stopped.path("input_complete").asBoolean(), is(false));
      }
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    Process second = job.start(checkpoint, log, "--source=WATCH", "--input=" + landing, "--output=" + output);
    try {
      land(files.subList(landedBeforeKill, files.size()), landing);
      Files.write(landing.resolve(WatchedDirectorySource.END_MARKER), new byte[0]);
      // With its input complete the job closes every window, writes its summary and exits by itself.
      assertThat("restarted job did not finish:\n" + ChildStreamingJob.tail(log),
          second.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS), is(true));
      assertThat("restarted job failed:\n" + ChildStreamingJob.tail(log), second.exitValue(), is(0));
      String inputGlob = dir.resolve("generated") + File.separator + "*.csv";
      assertThat(DuckDb.differences(inputGlob, output.toString()), is(empty()));
      VerifyReport report =
          VerifyCommand.verify(VerifyOptions.fromArgs(new String[] {"--input=" + inputGlob, "--output=" + output}));
      assertThat(report.toText(), report.passed(), is(true));
      JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
      assertThat(summary.path("resumed_from_checkpoint").asBoolean(), is(true));
      assertThat(summary.path("input_complete").asBoolean(), is(true));
    } finally {
      second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
