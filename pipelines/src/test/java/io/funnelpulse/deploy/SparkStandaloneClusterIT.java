package io.funnelpulse.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.pipelines.WithoutSessionTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Spark 3.5 standalone cluster (a Master and a Worker JVM started from the
 * distribution's jars), submitted through {@code runner-profiles/spark-submit.sh} as a user would: a
 * batch over the real REES46 sample and a generated day in client and in cluster deploy mode, and a
 * watched-directory stream whose checkpoint is on a real HDFS. Each run's output must pass {@code
 * verify} (the final view equal to DuckDB over the input, conservation against the dead letters), the
 * dead letters must hold the bad rows, and the work must have run in executor JVMs the Worker launched.
 */
class SparkStandaloneClusterIT {
  private static final long SUBMIT_TIMEOUT_SECONDS = 240;

  @TempDir static Path dir;
  static StandaloneSparkCluster spark;
  static MiniHdfs hdfs;
  static Path input;
  static GenerationReport generated;

  @BeforeAll
  static void startClusters() throws Exception {
    input = dir.resolve("input");
    generated = DeployFixtures.input(input);
    spark = StandaloneSparkCluster.start(dir.resolve("spark"));
    hdfs = MiniHdfs.start(dir.resolve("hdfs"));
  }

  @AfterAll
  static void stopClusters() throws Exception {
    if (spark != null) {
      spark.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  @Timeout(300)
  void aBatchSubmittedInClientModeRunsInExecutorsTheWorkerLaunched() throws Exception {
    submitBatchAndCheck("client", dir.resolve("out-client"));
  }

  @Test
  @Timeout(300)
  void aBatchSubmittedInClusterModeRunsItsDriverOnTheWorker() throws Exception {
    int driversBefore = spark.driverDirs().size();
    Path output = submitBatchAndCheck("cluster", dir.resolve("out-cluster"));
    List<Path> drivers = spark.driverDirs();
    assertThat(drivers, hasSize(driversBefore + 1));
    String driverOut = Files.readString(drivers.get(drivers.size() - 1).resolve("stdout"));
    assertThat(driverOut, containsString("FunnelPulse run finished on SparkRunner"));
    assertThat(driverOut, containsString(output.resolve(RunSummary.FILE_NAME).toString()));
  }

  @Test
  @Timeout(360)
  void aWatchedDirectoryStreamsOnTheClusterWithItsCheckpointOnHdfs() throws Exception {
    Path landing = dir.resolve("landing");
    GenerationReport day = DeployFixtures.generatedDay(landing, 4);
    Files.createFile(landing.resolve(WatchedDirectorySource.END_MARKER));
    Path output = dir.resolve("out-stream");
    int appsBefore = spark.executorDirs().size();
    Path log = dir.resolve("submit-stream.log");

    int code = SparkSubmitScript.run(submitEnvironment("client"), log, SUBMIT_TIMEOUT_SECONDS,
        WithoutSessionTables.plus("--conf", "spark.executor.memory=1g", "--conf", "spark.ui.enabled=false", "--",
            "--source=WATCH", "--input=" + landing, "--output=" + output,
            "--checkpointDir=" + hdfs.path("/checkpoints/watch"), hdfs.hdfsConfigurationOption(),
            "--batchIntervalMillis=4000"));

    assertThat(ChildJvm.tail(log, 60), code, is(0));
    assertThat(Files.readString(log), containsString("its input complete"));
    assertThat(hdfs.exists("/checkpoints/watch"), is(true));
    assertThat(spark.executorDirs().size(), greaterThan(appsBefore));
    DeployFixtures.VerifyOutcome verify = DeployFixtures.verify(landing + "/*.csv", output);
    assertThat(verify.report(), verify.exitCode(), is(0));
    JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    assertThat(summary.get("mode").asText(), is("streaming"));
    assertThat(summary.get("records_read").asLong(), is(day.validEvents() + day.malformedLines()));
  }

  @Test
  @Timeout(60)
  void anUnreachableMasterFailsAtOnceWithExitCode2() throws Exception {
    Map<String, String> env = new HashMap<>(spark.environment());
    env.put("SPARK_MASTER", "spark://127.0.0.1:" + StandaloneSparkCluster.freePort());
    Path log = dir.resolve("submit-unreachable.log");
    Path output = dir.resolve("out-unreachable");

    int code = SparkSubmitScript.run(env, log, 30, "--input=" + input + "/*", "--output=" + output);

    assertThat(code, is(2));
    assertThat(Files.readString(log), containsString("cannot reach the Spark master " + env.get("SPARK_MASTER")));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  @Timeout(120)
  void aSubmitWithoutInputIsRefusedWithExitCode2SinceTheJobJarHasNoSampleGenerator() throws Exception {
    Path log = dir.resolve("submit-no-input.log");
    Path output = dir.resolve("out-no-input");

    int code = SparkSubmitScript.run(submitEnvironment("client"), log, 100,
        "--conf", "spark.ui.enabled=false", "--", "--output=" + output);

    assertThat(ChildJvm.tail(log, 40), code, is(2));
    assertThat(Files.readString(log), containsString("--input is required"));
  }

  private Path submitBatchAndCheck(String deployMode, Path output) throws Exception {
    int executorsBefore = spark.executorDirs().size();
    Path log = dir.resolve("submit-" + deployMode + ".log");

    int code = SparkSubmitScript.run(submitEnvironment(deployMode), log, SUBMIT_TIMEOUT_SECONDS,
        "--conf", "spark.executor.memory=1g", "--conf", "spark.ui.enabled=false", "--",
        "--input=" + input + "/*", "--output=" + output);

    assertThat(ChildJvm.tail(log, 60), code, is(0));
    DeployFixtures.VerifyOutcome verify = DeployFixtures.verify(input + "/*", output);
    assertThat(verify.report(), verify.exitCode(), is(0));
    JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    assertThat(summary.get("runner").asText(), is("SparkRunner"));
    assertThat(summary.get("records_read").asLong(),
        is(DeployFixtures.REAL_ROWS + generated.validEvents() + generated.malformedLines()));
    assertThat(DeployFixtures.realSampleDeadLettersByReason(output),
        is(Map.of("non_positive_price", DeployFixtures.REAL_QUARANTINED)));
    assertRanInNewExecutors(executorsBefore);
    return output;
  }

  /** The Worker launched executor JVMs for the run, and they ran its tasks (no local mode). */
  private static void assertRanInNewExecutors(int executorsBefore) throws Exception {
    List<Path> executors = spark.executorDirs();
    assertThat(executors.size(), greaterThan(executorsBefore));
    String stderr = Files.readString(executors.get(executors.size() - 1).resolve("stderr"));
    assertThat(stderr, containsString("Finished task"));
    assertThat(stderr, not(containsString("local-")));
  }

  private static Map<String, String> submitEnvironment(String deployMode) {
    Map<String, String> env = new HashMap<>(spark.environment());
    env.put("SPARK_MASTER", spark.masterUrl());
    env.put("DEPLOY_MODE", deployMode);
    return env;
  }
}
