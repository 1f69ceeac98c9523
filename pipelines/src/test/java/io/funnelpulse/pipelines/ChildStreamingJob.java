package io.funnelpulse.pipelines;

import io.funnelpulse.cli.FunnelPulse;
import io.funnelpulse.deploy.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The streaming job in a child JVM ({@code run} with this test's class path), on Spark {@code
 * local[2]} or on Flink in an embedded cluster, so a test can kill it with SIGKILL and start it again;
 * its output goes to a log file.
 */
final class ChildStreamingJob {
  private ChildStreamingJob() {}

  /** Starts {@code run} with the Spark streaming arguments, {@code checkpoint} and {@code jobArgs}. */
  static Process spark(Path checkpoint, Path log, String... jobArgs) throws Exception {
    return start(log, List.of("-Dspark.ui.enabled=false"), List.of("--runner=SparkRunner", "--sparkMaster=local[2]",
        "--streaming=true", "--checkpointDir=" + checkpoint, "--batchIntervalMillis=1000",
        "--earlyFiringDelaySeconds=1"), jobArgs);
  }

  /**
   * Starts {@code run} on Flink (parallelism 2, a checkpoint every second, retained in RocksDB under
   * {@code checkpoint}) with {@code jobArgs}.
   */
  static Process flink(Path checkpoint, Path log, String... jobArgs) throws Exception {
    return start(log, List.of(), List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2",
        "--checkpointingInterval=1000", "--stateBackendStoragePath=" + checkpoint), jobArgs);
  }

  /**
   * Starts {@code run} on Flink with the shipped small-machine profile ({@code
   * runner-profiles/flink-small.options}: one subtask per step, heap state, object reuse), a checkpoint
   * every second retained under {@code checkpoint}, and {@code jobArgs}.
   */
  static Process flinkSmall(Path checkpoint, Path log, String... jobArgs) throws Exception {
    String[] runnerArgs = RunnerProfile.fromFile(ChildJvm.projectRoot().resolve("runner-profiles/flink-small.options"))
        .mergeUnder(new String[] {"--checkpointingInterval=1000", "--stateBackendStoragePath=" + checkpoint});
    return start(log, List.of(), Arrays.asList(runnerArgs), jobArgs);
  }

  private static Process start(Path log, List<String> jvmArgs, List<String> runnerArgs, String... jobArgs)
      throws Exception {
    List<String> command = ChildJvm.javaWithOpens();
    command.add("-Xmx1g");
    command.addAll(jvmArgs);
    command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), FunnelPulse.class.getName(), "run"));
    command.addAll(runnerArgs);
    command.addAll(Arrays.asList(jobArgs));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** The last lines of the log, for a failure message. */
  static String tail(Path log) throws Exception {
    return ChildJvm.tail(log, 40);
  }

  /** Parquet files under the output, all tables. */
  static long parquetFiles(Path output) throws Exception {
    if (!Files.isDirectory(output)) {
      return 0;
    }
    try (var files = Files.walk(output)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    }
  }
}
