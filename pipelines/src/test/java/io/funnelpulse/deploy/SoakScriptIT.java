package io.funnelpulse.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.funnelpulse.io.LocalDirectories;
import io.funnelpulse.pipelines.SparkCheckpointCheck;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak: {@code runner-profiles/soak.sh} run as a user runs it, with 3 SIGKILLs at seeded
 * random moments of a watched-directory stream on Spark streaming (late, too-late and malformed lines
 * among 10,000 generated events), each followed by a start with the same arguments. Every restart
 * must resume, the last run must finish by itself once the end marker lands, and verify must pass
 * over every landed line. The 20-kill runs on a watched directory and on Kafka are in the README.
 *
 * <p>Then the finished job's real checkpoint is read as the job reads it before resuming: the newest
 * checkpoint file names state directories, all there. With one directory each file names deleted, a
 * start with the same arguments is refused with exit 2 before anything runs, no file moved. And the
 * plans of the last run's jobs do not grow.
 */
class SoakScriptIT {
  private static final int KILLS = 3;
  private static final Pattern FINAL_STAGE = Pattern.compile("DAGScheduler - Final stage: ResultStage (\\d+)");

  @TempDir Path dir;

  @Test
  @Timeout(900)
  void aStreamKilledThreeTimesAtRandomMomentsResumesEachTimeAndPassesVerify() throws Exception {
    Path log = dir.resolve("soak.log");
    Process soak = ChildJvm.start(
        List.of("bash", ChildJvm.projectRoot().resolve("runner-profiles/soak.sh").toString()),
        Map.of("SOAK_CLASSPATH", System.getProperty("java.class.path"),
            "SOAK_DIR", dir.resolve("work").toString(),
            "SOURCE", "WATCH",
            "KILLS", String.valueOf(KILLS),
            "EVENTS", "10000",
            "SEED", "3",
            "KILL_MIN_SECONDS", "10",
            "KILL_SPAN_SECONDS", "8"),
        log);
    try {
      assertThat("the soak did not end:\n" + ChildJvm.tail(log, 40), soak.waitFor(840, TimeUnit.SECONDS), is(true));
      String output = Files.readString(log);
      assertThat(output, soak.exitValue(), is(0));
      assertThat(output, containsString(
          "SOAK WATCH: 10000 events, " + KILLS + " kills, " + KILLS + " survived, 0 failed restarts, job status 0, verify passed"));
    } finally {
      ChildJvm.stop(soak, 10);
    }
    // verify's checks include the session tables: sessions open across the kills are counted once.
    String verified = Files.readString(dir.resolve("work").resolve("verify.log"));
    assertThat(verified, verified, containsString("PASS sessions_match_reference"));
    assertThat(verified, verified, containsString("PASS session_funnel_matches_reference"));
    assertPlansStayFlatAfterTheLastRestart(dir.resolve("work").resolve("job.log"));
    aCheckpointNamingStateThatIsGoneIsRefused(dir.resolve("work"));
  }

  /**
   * The jobs of the last run (started from a checkpoint) plan no more stages at its end than at its
   * start: Spark's log names each job's final stage, and the stage numbers a job takes are the stages
   * of its plan it adds. Without {@code SparkStreamingSettings.provideContextThatCheckpointsEveryMarkedState}
   * a resumed stream's plans grow by about two stages per micro-batch, until a task overflows the stack.
   */
  private static void assertPlansStayFlatAfterTheLastRestart(Path jobLog) throws Exception {
    List<String> lines = Files.readAllLines(jobLog);
    int lastStart = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("FunnelPulse streaming: SparkRunner reading")) {
        lastStart = i;
      }
    }
    List<Integer> stagesAdded = new ArrayList<>();
    int previous = -1;
    for (String line : lines.subList(lastStart, lines.size())) {
      Matcher m = FINAL_STAGE.matcher(line);
      if (m.find()) {
        int stage = Integer.parseInt(m.group(1));
        if (previous >= 0) {
          stagesAdded.add(stage - previous);
        }
        previous = stage;
      }
    }
    assertThat(stagesAdded.size(), greaterThan(200));
    int quarter = stagesAdded.size() / 4;
    int first = Collections.max(stagesAdded.subList(0, quarter));
    int last = Collections.max(stagesAdded.subList(stagesAdded.size() - quarter, stagesAdded.size()));
    assertThat("largest plan added in the first and the last quarter of " + stagesAdded.size() + " jobs",
        last, lessThanOrEqualTo(first + 4));
  }

  private static Path localPath(String uri) {
    return Paths.get(new org.apache.hadoop.fs.Path(uri).toUri().getPath());
  }

  private void aCheckpointNamingStateThatIsGoneIsRefused(Path work) throws Exception {
    Path checkpoint = work.resolve("checkpoint");
    SparkCheckpointCheck check = SparkCheckpointCheck.of(checkpoint.toString(), new Configuration());
    assertThat(check.checkpointFiles().isEmpty(), is(false));
    // Spark deletes the state of earlier checkpoints as it goes; as a run ends it has been seen to delete
    // state the newest file still names. The check then resumes from the newest whole file, setting the
    // newer ones aside: there must be one.
    String resumable = check.resolve(new PrintStream(OutputStream.nullOutputStream()));
    List<org.apache.hadoop.fs.Path> files = check.checkpointFiles();
    assertThat(files.get(0).getName(), is(resumable));
    Set<String> newest = check.namedStateDirectories(files.get(0));
    assertThat(newest.isEmpty(), is(false));
    for (String state : newest) {
      assertThat(state + " is gone", Files.isDirectory(localPath(state)), is(true));
    }
    for (org.apache.hadoop.fs.Path file : files) {
      LocalDirectories.deleteTree(localPath(check.namedStateDirectories(file).iterator().next()));
    }
    RunCall run = RunCall.of("--runner=SparkRunner", "--sparkMaster=local[2]", "--streaming=true",
        "--checkpointDir=" + checkpoint, "--batchIntervalMillis=2000", "--source=WATCH",
        "--input=" + work.resolve("landing"), "--output=" + work.resolve("out"));
    assertThat(run.printed(), run.code(), is(2));
    assertThat(run.errors(), containsString("cannot be resumed"));
    assertThat(check.checkpointFiles(), is(files));
  }
}
