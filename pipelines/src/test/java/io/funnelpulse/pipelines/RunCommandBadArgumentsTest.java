package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.funnelpulse.deploy.RunCall;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad arguments to {@code run} fail at once with exit code 2 and one message naming the argument, and
 * leave nothing behind that looks like an output: an input that matches nothing, an unknown scheme, a
 * standalone master that does not answer, a watched directory on a remote file system, and the
 * built-in sample with a remote output.
 */
class RunCommandBadArgumentsTest {
  @TempDir Path dir;

  @Test
  @Timeout(60)
  void anInputThatMatchesNothingExitsWith2() throws Exception {
    Path output = dir.resolve("out");
    RunCall outcome = RunCall.of("--input=" + dir.resolve("missing") + "/*.csv", "--output=" + output);
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("--input=" + dir.resolve("missing") + "/*.csv: no file matches it"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  @Timeout(60)
  void anUnknownSchemeExitsWith2() throws Exception {
    RunCall outcome = RunCall.of("--input=gopher://host/events/*.csv", "--output=" + dir.resolve("out"));
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("--input=gopher://host/events/*.csv: no file system for the scheme 'gopher'"));
  }

  @Test
  @Timeout(60)
  void aStandaloneMasterThatDoesNotAnswerExitsWith2WithoutWaiting() throws Exception {
    Path input = Files.writeString(dir.resolve("events.csv"), "event_time,event_type\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();
    RunCall outcome = RunCall.of("--runner=SparkRunner", "--sparkMaster=spark://127.0.0.1:" + port,
        "--input=" + input, "--output=" + dir.resolve("out"));
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("Spark master spark://127.0.0.1:" + port + ": nothing answers"));
    assertThat((System.nanoTime() - start) / 1_000_000_000L, lessThan(10L));
    assertThat(Files.exists(dir.resolve("out")), is(false));
  }

  @Test
  @Timeout(60)
  void aWatchedDirectoryOnHdfsIsRefused() throws Exception {
    RunCall outcome = RunCall.of("--source=WATCH", "--input=hdfs://namenode:8020/landing", "--output=" + dir.resolve("out"));
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("a watched directory must be one this machine lists directly"));
  }

  @Test
  @Timeout(60)
  void theBuiltInSampleWithARemoteOutputIsRefused() throws Exception {
    RunCall outcome = RunCall.of("--output=hdfs://namenode:8020/funnel",
        "--hdfsConfiguration=[{\"fs.defaultFS\":\"hdfs://namenode:8020\"}]");
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("--input is missing"));
  }

  @Test
  @Timeout(60)
  void aWatchedDirectoryThatDoesNotExistIsRefused() throws Exception {
    RunCall outcome = RunCall.of("--source=watch", "--input=" + dir.resolve("no-landing"), "--output=" + dir.resolve("out"));
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("no such directory to watch"));
  }

  @Test
  @Timeout(60)
  void anEnumOptionTakesAnyCaseAndABadValueNamesTheOptionAndTheAcceptedValues() throws Exception {
    RunCall outcome = RunCall.of("--source=watsh", "--input=" + dir, "--output=" + dir.resolve("out"));
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(),
        containsString("--source=watsh: not a value it accepts; accepted values are FILES, WATCH, KAFKA (in any case)"));
    RunCall lowerCase = RunCall.of("--dimension=category", "--input=" + dir.resolve("missing") + "/*.csv",
        "--output=" + dir.resolve("out"));
    assertThat(lowerCase.errors(), containsString("no file matches it"));
  }

  @Test
  @Timeout(60)
  void helpListsTheJobsOptionsWithTheirDefaults() throws Exception {
    RunCall outcome = RunCall.of("--help");
    assertThat(outcome.code(), is(0));
    assertThat(outcome.printed(), containsString("Usage: run"));
    assertThat(outcome.printed(), containsString("--allowedLatenessMinutes=<Integer>"));
    assertThat(outcome.printed(), containsString("--maxLineBytes=<Integer>"));
  }
}
