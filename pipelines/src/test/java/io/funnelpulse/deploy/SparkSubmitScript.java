package io.funnelpulse.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For tests: {@code runner-profiles/spark-submit.sh} run as a user runs it, with the job jar that
 * {@code mvn package} built, against a master, in a deploy mode, its output in a log file.
 */
public final class SparkSubmitScript {
  private SparkSubmitScript() {}

  /** The job jar in {@code pipelines/target}. */
  public static Path jobJar() throws Exception {
    try (var files = Files.list(ChildJvm.projectRoot().resolve("pipelines/target"))) {
      return files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No job jar in pipelines/target: run mvn package"));
    }
  }

  /**
   * Runs the script with {@code environment} (SPARK_HOME, SPARK_MASTER, DEPLOY_MODE, ...) and {@code
   * args}; returns its exit code, or fails if it has not ended within {@code timeoutSeconds}.
   */
  public static int run(Map<String, String> environment, Path log, long timeoutSeconds, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash",
        ChildJvm.projectRoot().resolve("runner-profiles/spark-submit.sh").toString()));
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(environment);
    env.put("JOB_JAR", jobJar().toString());
    Process process = ChildJvm.start(command, env, log);
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError("spark-submit.sh still running after " + timeoutSeconds + " s:\n"
            + ChildJvm.tail(log, 60));
      }
      return process.exitValue();
    } finally {
      ChildJvm.stop(process, 10);
    }
  }
}
