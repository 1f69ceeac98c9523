package io.funnelpulse.pipelines;

import io.funnelpulse.cli.FunnelPulse;
import io.funnelpulse.deploy.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The streaming job on Spark {@code local[2]} in a child JVM ({@code run} with this test's class
 * path), so a test can kill it with SIGKILL and start it again; its output goes to a log file.
 */
final class SparkChildJob {
  private SparkChildJob() {}

  /** Starts {@code run} with the Spark streaming arguments, {@code checkpoint} and {@code jobArgs}. */
  static Process start(Path checkpoint, Path log, String... jobArgs) throws Exception {
    List<String> command = ChildJvm.javaWithOpens();
    command.addAll(Arrays.asList("-Xmx1g", "-Dspark.ui.enabled=false", "-cp",
        System.getProperty("java.class.path"), FunnelPulse.class.getName(), "run",
        "--runner=SparkRunner", "--sparkMaster=local[2]", "--streaming=true",
        "--checkpointDir=" + checkpoint, "--batchIntervalMillis=1000", "--earlyFiringDelaySeconds=1"));
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
