package io.funnelpulse.pipelines;

import io.funnelpulse.io.StorageDirectory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks a run's arguments before anything starts or is written: the input matches files on a known
 * file system, the output's scheme is known, a streamed directory is one this machine can list, and a
 * standalone Spark master answers. A failed check is an {@link IllegalArgumentException} with one
 * message naming the argument; the {@code run} command turns it into exit code 2.
 */
public final class RunPreflight {
  /** How long a standalone master may take to accept a connection. */
  static final int MASTER_CONNECT_TIMEOUT_MILLIS = 5_000;

  private RunPreflight() {}

  /** Registers the options' file systems and checks every location and the master. */
  public static void check(FunnelPulseOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    if (options.getSource() == EventSource.FILES && !options.getInput().isEmpty()) {
      checkInputMatches(options.getInput());
    }
    if (options.getInput().isEmpty() && StorageDirectory.isRemote(options.getOutput())) {
      throw new IllegalArgumentException("--input is missing: the built-in sample is generated on this "
          + "machine and cannot be read from --output=" + options.getOutput() + "; give --input");
    }
    if (options.getSource() == EventSource.WATCH && StorageDirectory.isRemote(options.getInput())) {
      throw new IllegalArgumentException(
          "--input=" + options.getInput() + ": a watched directory must be one this machine lists "
              + "directly (a local or mounted path); land files there, or stream with --source=KAFKA");
    }
    if (options.getSource() == EventSource.WATCH && !Files.isDirectory(StorageDirectory.localPath(options.getInput()))) {
      throw new IllegalArgumentException("--input=" + options.getInput() + ": no such directory to watch; "
          + "create the landing directory first");
    }
    checkScheme("--output", options.getOutput());
    if (options.getRunner() == SparkRunner.class) {
      checkMasterAnswers(sparkMaster(options));
    }
  }

  private static void checkInputMatches(String input) {
    checkScheme("--input", input);
    MatchResult match;
    try {
      match = FileSystems.match(input, EmptyMatchTreatment.ALLOW);
    } catch (IOException e) {
      throw new IllegalArgumentException("--input=" + input + ": cannot list it: " + e.getMessage(), e);
    }
    try {
      if (match.metadata().isEmpty()) {
        throw new IllegalArgumentException("--input=" + input + ": no file matches it");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--input=" + input + ": cannot list it: " + e.getMessage(), e);
    }
  }

  private static void checkScheme(String option, String location) {
    try {
      FileSystems.matchNewResource(location, true);
    } catch (IllegalArgumentException e) {
      String scheme = location.contains("://") ? location.substring(0, location.indexOf("://")) : "file";
      throw new IllegalArgumentException(option + "=" + location + ": no file system for the scheme '"
          + scheme + "': local paths work as they are; hdfs://, s3a:// and other Hadoop file systems "
          + "need their configuration, from HADOOP_CONF_DIR (a core-site.xml with fs.defaultFS) or "
          + "--hdfsConfiguration=[{\"fs.defaultFS\":\"hdfs://namenode:8020\"}]", e);
    }
  }

  /** The master a Spark run uses: spark-submit's ({@code spark.master}), else {@code --sparkMaster}. */
  static String sparkMaster(FunnelPulseOptions options) {
    String submitted = System.getProperty("spark.master");
    return submitted != null ? submitted : options.as(SparkPipelineOptions.class).getSparkMaster();
  }

  /** Fails unless a host:port of a {@code spark://} master (one of several, with standby masters) answers. */
  static void checkMasterAnswers(String master) {
    if (master == null || !master.startsWith("spark://")) {
      return;
    }
    StringBuilder failures = new StringBuilder();
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      try (Socket socket = new Socket()) {
        URI uri = URI.create("spark://" + hostPort);
        socket.connect(
            new InetSocketAddress(uri.getHost(), uri.getPort()), MASTER_CONNECT_TIMEOUT_MILLIS);
        return;
      } catch (IOException | IllegalArgumentException e) {
        failures.append(failures.length() == 0 ? "" : "; ").append(hostPort).append(": ").append(e.getMessage());
      }
    }
    throw new IllegalArgumentException(
        "Spark master " + master + ": nothing answers (" + failures + "); is the cluster up?");
  }
}
