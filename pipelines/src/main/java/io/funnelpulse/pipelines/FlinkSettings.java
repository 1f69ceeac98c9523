package io.funnelpulse.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What the job sets on Beam's Flink runner, each with its why. Nothing here changes the graph; only
 * the runner's settings. Every method checks the runner first and touches Flink's classes only on
 * Flink: the Spark job jar leaves Flink out.
 *
 * <ol>
 *   <li><b>The job's class loader in an embedded cluster.</b> With no jars to stage, Flink's embedded
 *       cluster deserializes a job with the JVM's system class loader. Under {@code mvn exec:java} the
 *       job and Flink are loaded by Maven's class loader instead, so the job master fails with {@code
 *       ClassNotFoundException: org.apache.flink.api.common.ExecutionConfig}. When the job's classes are
 *       not the system class loader's and no Flink configuration is given, a configuration naming the
 *       job's class path entry ({@code pipeline.classpaths}) and parent-first loading is written to a
 *       temporary directory and used: Flink then builds the job's class loader over the one that loaded
 *       the job.
 *   <li><b>The embedded cluster's REST endpoint.</b> The runner reports a job's metrics in its result
 *       only when the job ends; the cluster's REST API has them while it runs. Without a Flink
 *       configuration of the user's, the embedded cluster's REST endpoint gets a free port of this
 *       machine, written to the same temporary configuration, so a stream reports its progress as it
 *       goes ({@link FlinkRestMetrics}).
 *   <li><b>Checkpoints for a stream.</b> The file writes take {@code @RequiresStableInput}, which the
 *       Flink runner honours by holding a write's input until the checkpoint that covers it completes;
 *       it refuses a stream without checkpointing. A stream without {@code --checkpointingInterval}
 *       checkpoints every {@value #DEFAULT_CHECKPOINTING_MILLIS} ms. When its input is complete (a
 *       landing directory's end marker) the writes held for the next checkpoint are let go as the job
 *       finishes ({@code --enableStableInputDrain}); without it the last writes' watermark holds fail
 *       the job at its end ("There are still watermark holds left when terminating operator").
 *   <li><b>Bundles finished before a checkpoint's barrier.</b> By default the runner finishes a
 *       step's open bundle while it snapshots, after the barrier has gone downstream, and holds what
 *       the bundle sends until the step starts its next bundle, that is until its next element: a quiet
 *       Kafka partition held the last events of the others back, since parsing sends its partial sums
 *       when a bundle ends. A stream finishes its bundles before the barrier instead ({@code
 *       --finishBundleBeforeCheckpointing}).
 *   <li><b>Larger bundles.</b> Parsing sums a bundle's events per window and key before grouping; the
 *       runner ends a stream's bundles after 1,000 elements or a second. A stream's bundles hold up to
 *       {@value #STREAMING_BUNDLE_SIZE} (still ending after a second): half the partials in state, and
 *       Kafka read about a quarter faster (9.8K against 7.7K events/s, 400,000 events).
 *   <li><b>A pause between checkpoints.</b> The runner keeps a write's held input in one of two
 *       buffers that take turns: checkpoint N closes one and opens the other, and N's completion
 *       notice lets the closed one go. When checkpoint N+1's barrier reaches the write before N's
 *       notice (the next checkpoint was already due when N completed, which happens as soon as a
 *       checkpoint takes longer than the interval), N+1 reopens the buffer still holding N's input,
 *       and N's notice then writes rows of after N+1 too: rows no checkpoint covers yet, which a job
 *       killed then and resumed from N+1 would write again. Unless
 *       {@code --minPauseBetweenCheckpoints} is given, a stream pauses {@link #minPauseFor} between a
 *       checkpoint's completion and the next one's start, so the notice (sent at completion) reaches
 *       the write before the next barrier does.
 *   <li><b>Retained checkpoints and resuming.</b> With {@code --stateBackendStoragePath} (a directory)
 *       the state is kept in RocksDB unless {@code --stateBackend} says otherwise, checkpoints are
 *       retained when the job is cancelled or killed, and a job started again with the same arguments
 *       resumes from the latest complete checkpoint under that directory unless {@code --savepointPath}
 *       names one. The runner hands a savepoint only to a remote cluster; an embedded cluster gets it
 *       in its configuration ({@value #SAVEPOINT_PATH_KEY}), or it would start afresh, read its input
 *       again and write files of the earlier run over under the same names.
 * </ol>
 */
public final class FlinkSettings {
  /** The checkpointing interval of a stream that does not set one. */
  static final long DEFAULT_CHECKPOINTING_MILLIS = 5_000;

  /** The Flink runner's largest bundle in a stream, when none is given. */
  static final long RUNNERS_STREAMING_BUNDLE_SIZE = 1_000;

  /** A stream's largest bundle unless {@code --maxBundleSize} names another than the runner's. */
  static final long STREAMING_BUNDLE_SIZE = 10_000;

  /** The longest pause between checkpoints a stream gets unless it sets one. */
  static final long MAX_MIN_PAUSE_MILLIS = 1_000;

  /** The state backend of a stream whose checkpoints go to a directory and that names none. */
  static final String DEFAULT_STATE_BACKEND = "rocksdb";

  /** The file that makes a checkpoint directory ({@code chk-N}) complete. */
  static final String CHECKPOINT_METADATA = "_metadata";

  private static final String RUNNER_NAME = "FlinkRunner";
  private static final String FLINK_CONF_DIR = "FLINK_CONF_DIR";
  private static final String CONF_FILE = "flink-conf.yaml";
  private static final String STANDARD_CONF_FILE = "config.yaml";

  /** Where an embedded cluster reads the savepoint or retained checkpoint a job starts from. */
  static final String SAVEPOINT_PATH_KEY = "execution.savepoint.path";

  private static final String SAVEPOINT_IGNORE_UNCLAIMED_KEY = "execution.savepoint.ignore-unclaimed-state";
  private static final String REST_PORT_KEY = "rest.bind-port";
  private static final Pattern REST_PORT_LINE = Pattern.compile("\\s*rest\\.(?:bind-)?port\\s*:\\s*(\\d+)\\s*");
  private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");

  private FlinkSettings() {}

  /** Whether {@code options} run on Beam's Flink runner. */
  public static boolean isFlink(PipelineOptions options) {
    return options.getRunner() != null && options.getRunner().getSimpleName().equals(RUNNER_NAME);
  }

  /** Applies the settings of a bounded run when the runner is Flink. */
  public static void applyToBatch(PipelineOptions options) {
    if (isFlink(options)) {
      configureEmbeddedCluster(options.as(FlinkPipelineOptions.class));
    }
  }

  /**
   * Applies the settings of a stream when the runner is Flink; returns the retained checkpoint it
   * resumes from, if any.
   */
  public static Optional<String> applyToStream(PipelineOptions options) {
    if (!isFlink(options)) {
      return Optional.empty();
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    // First, before a default is read: the runner's defaults (the bundle size) follow this flag.
    flink.setStreaming(true);
    // The default job name is made anew (time and a random suffix) wherever it is first read: fix it
    // here, so the running job can be found by the name it is submitted with.
    flink.setJobName(flink.getJobName());
    if (flink.getCheckpointingInterval() == null || flink.getCheckpointingInterval() <= 0) {
      flink.setCheckpointingInterval(DEFAULT_CHECKPOINTING_MILLIS);
    }
    Long minPause = flink.getMinPauseBetweenCheckpoints();
    if (minPause == null || minPause < 0) {
      flink.setMinPauseBetweenCheckpoints(minPauseFor(flink.getCheckpointingInterval()));
    }
    flink.setEnableStableInputDrain(true);
    flink.setFinishBundleBeforeCheckpointing(true);
    if (flink.getMaxBundleSize() == RUNNERS_STREAMING_BUNDLE_SIZE) {
      flink.setMaxBundleSize(STREAMING_BUNDLE_SIZE);
    }
    Optional<String> resumeFrom = resumePoint(flink);
    // After the resume point: an embedded cluster takes it from its configuration.
    configureEmbeddedCluster(flink);
    return resumeFrom;
  }

  /**
   * Retains the checkpoints of a stream with a storage directory; returns what it resumes from: the
   * savepoint the user names, else the newest complete checkpoint under that directory (then set as
   * the savepoint to start from), if any.
   */
  private static Optional<String> resumePoint(FlinkPipelineOptions flink) {
    String storage = flink.getStateBackendStoragePath();
    if (storage == null || storage.isBlank()) {
      return Optional.empty();
    }
    if (!storage.contains(":")) {
      storage = Paths.get(storage).toAbsolutePath().toUri().toString();
      flink.setStateBackendStoragePath(storage);
    }
    if (flink.getStateBackend() == null || flink.getStateBackend().isBlank()) {
      flink.setStateBackend(DEFAULT_STATE_BACKEND);
    }
    flink.setExternalizedCheckpointsEnabled(true);
    flink.setRetainExternalizedCheckpointsOnCancellation(true);
    if (flink.getSavepointPath() != null && !flink.getSavepointPath().isBlank()) {
      return Optional.of(flink.getSavepointPath());
    }
    Optional<Path> latest = latestCompleteCheckpoint(localPath(storage));
    latest.ifPresent(checkpoint -> flink.setSavepointPath(checkpoint.toUri().toString()));
    return latest.map(Path::toString);
  }

  /**
   * The pause between a checkpoint's completion and the next one's start of a stream checkpointing
   * every {@code intervalMillis}: half the interval, at most {@value #MAX_MIN_PAUSE_MILLIS} ms.
   */
  static long minPauseFor(long intervalMillis) {
    return Math.min(intervalMillis / 2, MAX_MIN_PAUSE_MILLIS);
  }

  /** The checkpoint or savepoint a Flink job with these (applied) settings starts from, if any. */
  public static Optional<String> resumedFrom(PipelineOptions options) {
    if (!isFlink(options)) {
      return Optional.empty();
    }
    String savepoint = options.as(FlinkPipelineOptions.class).getSavepointPath();
    return savepoint == null || savepoint.isBlank() ? Optional.empty() : Optional.of(savepoint);
  }

  /** The directory a stream's checkpoints are retained in, when it has one. */
  public static Optional<String> checkpointStorage(PipelineOptions options) {
    if (!isFlink(options)) {
      return Optional.empty();
    }
    String storage = options.as(FlinkPipelineOptions.class).getStateBackendStoragePath();
    return storage == null || storage.isBlank() ? Optional.empty() : Optional.of(storage);
  }

  /**
   * The newest complete checkpoint ({@code <job id>/chk-N} with its {@value #CHECKPOINT_METADATA}) under
   * {@code storage}, over every job that checkpointed there.
   */
  static Optional<Path> latestCompleteCheckpoint(Path storage) {
    if (!Files.isDirectory(storage)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(storage)) {
      return jobs.filter(Files::isDirectory)
          .flatMap(FlinkSettings::completeCheckpoints)
          .max(Comparator.comparing(FlinkSettings::modified).thenComparing(FlinkSettings::checkpointNumber));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Flink checkpoints under " + storage, e);
    }
  }

  private static Stream<Path> completeCheckpoints(Path jobDir) {
    try (Stream<Path> entries = Files.list(jobDir)) {
      return entries
          .filter(p -> CHECKPOINT_DIR.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve(CHECKPOINT_METADATA)))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Flink checkpoints in " + jobDir, e);
    }
  }

  private static long modified(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve(CHECKPOINT_METADATA)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long checkpointNumber(Path checkpoint) {
    Matcher m = CHECKPOINT_DIR.matcher(checkpoint.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static Path localPath(String storage) {
    if (storage.startsWith("file:")) {
      return Paths.get(URI.create(storage));
    }
    if (storage.contains("://")) {
      throw new IllegalArgumentException("--stateBackendStoragePath=" + storage + ": only a local directory is "
          + "searched for the checkpoint to resume from; give --savepointPath for one elsewhere");
    }
    return Paths.get(storage).toAbsolutePath();
  }

  /**
   * Configures an embedded cluster. Without a Flink configuration of the user's: its REST endpoint on
   * a free port of this machine (read by {@link #restEndpoint}, for the job's live metrics), and, when
   * the job's classes are not the system class loader's, the job's class path entry with parent-first
   * loading (see the class comment). With or without one: the savepoint to start from, which the
   * runner hands only to a remote cluster ({@link #SAVEPOINT_PATH_KEY}); the user's configuration is
   * then copied with it added.
   */
  private static void configureEmbeddedCluster(FlinkPipelineOptions flink) {
    if (!runsEmbedded(flink)) {
      return;
    }
    String usersDir = flink.getFlinkConfDir() != null ? flink.getFlinkConfDir() : System.getenv(FLINK_CONF_DIR);
    String savepoint = flink.getSavepointPath();
    boolean resumes = savepoint != null && !savepoint.isBlank();
    if (usersDir != null && !resumes) {
      return;
    }
    String fileName = CONF_FILE;
    StringBuilder conf = new StringBuilder();
    if (usersDir != null) {
      Path users = confFile(usersDir);
      if (Files.isRegularFile(users)) {
        fileName = users.getFileName().toString();
        conf.append(read(users)).append('\n');
      }
    } else {
      conf.append(REST_PORT_KEY).append(": ").append(freePort()).append('\n');
      if (FlinkSettings.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
        String classPathEntry = FlinkSettings.class.getProtectionDomain().getCodeSource().getLocation().toString();
        conf.append("classloader.resolve-order: parent-first\npipeline.classpaths: ").append(classPathEntry).append('\n');
      }
    }
    if (resumes) {
      conf.append(SAVEPOINT_PATH_KEY).append(": ").append(savepoint).append('\n')
          .append(SAVEPOINT_IGNORE_UNCLAIMED_KEY).append(": ").append(flink.getAllowNonRestoredState()).append('\n');
    }
    try {
      Path dir = Files.createTempDirectory("funnelpulse-flink-conf");
      Path file = Files.writeString(dir.resolve(fileName), conf, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      flink.setFlinkConfDir(dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Flink configuration of the embedded cluster", e);
    }
  }

  /** The configuration file Flink reads in {@code dir}: {@code config.yaml} when there is one. */
  private static Path confFile(String dir) {
    Path standard = Paths.get(dir, STANDARD_CONF_FILE);
    return Files.isRegularFile(standard) ? standard : Paths.get(dir, CONF_FILE);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Flink configuration " + file, e);
    }
  }

  /**
   * The REST endpoint of the cluster a Flink job runs on: {@code --flinkMaster} when it names one, else
   * the port the embedded cluster's configuration gives it ({@code rest.bind-port} or {@code
   * rest.port}), if any.
   */
  public static Optional<URI> restEndpoint(PipelineOptions options) {
    if (!isFlink(options)) {
      return Optional.empty();
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!runsEmbedded(flink)) {
      String master = flink.getFlinkMaster();
      return Optional.of(URI.create(master.contains("://") ? master : "http://" + master));
    }
    String confDir = flink.getFlinkConfDir() != null ? flink.getFlinkConfDir() : System.getenv(FLINK_CONF_DIR);
    if (confDir == null || !Files.isReadable(confFile(confDir))) {
      return Optional.empty();
    }
    for (String line : read(confFile(confDir)).split("\n")) {
      Matcher port = REST_PORT_LINE.matcher(line);
      if (port.matches()) {
        return Optional.of(URI.create("http://localhost:" + port.group(1)));
      }
    }
    return Optional.empty();
  }

  private static boolean runsEmbedded(FlinkPipelineOptions flink) {
    String master = flink.getFlinkMaster();
    return master == null || master.startsWith("[");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the embedded Flink cluster's REST endpoint", e);
    }
  }
}
