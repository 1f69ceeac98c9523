package io.funnelpulse.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.pipelines.WithoutSessionTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job reading its input from and writing its tables and run summary to a real HDFS (a NameNode and
 * a DataNode in a JVM of their own), on the Direct runner and on the Spark runner ({@code local[2]}):
 * the output, copied back, passes {@code verify} against DuckDB over the same input; a second run into
 * the same HDFS output replaces the first run's tables; bad locations fail with exit code 2.
 */
class HdfsJobIT {
  @TempDir static Path dir;
  static MiniHdfs hdfs;
  static Path localInput;
  static GenerationReport generated;

  @BeforeAll
  static void startHdfs() throws Exception {
    localInput = dir.resolve("input");
    generated = DeployFixtures.input(localInput);
    hdfs = MiniHdfs.start(dir.resolve("hdfs"));
    try (var files = Files.list(localInput)) {
      for (Path file : files.toList()) {
        hdfs.put(file, "/events/" + file.getFileName());
      }
    }
  }

  @AfterAll
  static void stopHdfs() throws Exception {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** The Direct runner writes the tables; Spark then runs into the same output and replaces them. */
  @Test
  @Timeout(480)
  void theDirectAndTheSparkRunnerReadAndWriteHdfsAndTheSecondRunReplacesTheFirstRunsTables() throws Exception {
    runAndCheck("/out/shared", "first run", "--runner=DirectRunner");
    runAndCheck("/out/shared", "second run", "--runner=SparkRunner", "--sparkMaster=local[2]",
        "--storageLevel=MEMORY_AND_DISK_SER");
  }

  @Test
  @Timeout(120)
  void aMissingInputOrAnUnknownSchemeFailsAtOnceWithExitCode2() throws Exception {
    RunCall missing = RunCall.of("--runner=DirectRunner", "--input=" + hdfs.path("/no-such-dir/*.csv"),
        "--output=" + hdfs.path("/out/missing"), hdfs.hdfsConfigurationOption());
    assertThat(missing.code(), is(2));
    assertThat(missing.errors(), containsString("--input=" + hdfs.path("/no-such-dir/*.csv") + ": no file matches it"));
    assertThat(hdfs.exists("/out/missing"), is(false));

    RunCall unknown = RunCall.of("--runner=DirectRunner", "--input=" + hdfs.path("/events/*"),
        "--output=nosuchfs://bucket/out", hdfs.hdfsConfigurationOption());
    assertThat(unknown.code(), is(2));
    assertThat(unknown.errors(), containsString("--output=nosuchfs://bucket/out: no file system for the scheme 'nosuchfs'"));

    RunCall unconfigured = RunCall.of("--runner=DirectRunner", "--input=" + hdfs.path("/events/*"),
        "--output=" + dir.resolve("out-unconfigured"));
    assertThat(unconfigured.code(), is(2));
    assertThat(unconfigured.errors(), containsString("no file system for the scheme 'hdfs'"));
    assertThat(unconfigured.errors(), containsString("HADOOP_CONF_DIR"));
    assertThat(Files.exists(dir.resolve("out-unconfigured")), is(false));
  }

  private void runAndCheck(String hdfsOutput, String runName, String... runnerArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of(runnerArgs));
    args.addAll(List.of("--input=" + hdfs.path("/events/*"), "--output=" + hdfs.path(hdfsOutput),
        hdfs.hdfsConfigurationOption()));
    args.addAll(WithoutSessionTables.ARGS);
    RunCall run = RunCall.of(args.toArray(new String[0]));
    assertThat(run.errors() + run.printed(), run.code(), is(0));
    assertThat(run.printed(), containsString(hdfs.path(hdfsOutput + "/" + RunSummary.FILE_NAME)));
    assertThat(run.printed(), containsString("final view not read back: the output is not on this machine's file system"));

    Path copy = dir.resolve("copy" + hdfsOutput.replace('/', '-') + "-" + runName.replace(' ', '-'));
    hdfs.get(hdfsOutput, copy);
    DeployFixtures.VerifyOutcome verify = DeployFixtures.verify(localInput + "/*", copy);
    assertThat(verify.report(), verify.exitCode(), is(0));
    JsonNode summary = new ObjectMapper().readTree(copy.resolve(RunSummary.FILE_NAME).toFile());
    assertThat(summary.get("records_read").asLong(),
        is(DeployFixtures.REAL_ROWS + generated.validEvents() + generated.malformedLines()));
    assertThat(DeployFixtures.realSampleDeadLettersByReason(copy),
        is(Map.of("non_positive_price", DeployFixtures.REAL_QUARANTINED)));
  }
}
