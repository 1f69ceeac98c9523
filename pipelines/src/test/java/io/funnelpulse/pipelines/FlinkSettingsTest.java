package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run on the Flink runner is given: checkpoints, a pause between them and a drain at the end
 * for a stream, retained checkpoints in RocksDB when a directory is named, and the newest complete
 * checkpoint under it to resume from, a REST endpoint for an embedded cluster; nothing for another
 * runner.
 */
class FlinkSettingsTest {
  @TempDir Path dir;

  private static FlinkPipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(FlinkPipelineOptions.class);
  }

  private Path checkpoint(String job, int number, boolean complete, long modifiedMillis) throws Exception {
    Path chk = Files.createDirectories(dir.resolve("ckpt").resolve(job).resolve("chk-" + number));
    if (complete) {
      Path metadata = Files.write(chk.resolve(FlinkSettings.CHECKPOINT_METADATA), new byte[] {1});
      Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
    }
    return chk;
  }

  @Test
  void aStreamWithoutSettingsCheckpointsAndDrainsButRetainsNothing() {
    FlinkPipelineOptions flink = options("--runner=FlinkRunner");
    assertThat(FlinkSettings.applyToStream(flink), is(Optional.empty()));
    assertThat(flink.getCheckpointingInterval(), is(FlinkSettings.DEFAULT_CHECKPOINTING_MILLIS));
    assertThat(flink.getMinPauseBetweenCheckpoints(), is(FlinkSettings.MAX_MIN_PAUSE_MILLIS));
    assertThat(flink.getEnableStableInputDrain(), is(true));
    assertThat(flink.getFinishBundleBeforeCheckpointing(), is(true));
    assertThat(flink.getMaxBundleSize(), is(FlinkSettings.STREAMING_BUNDLE_SIZE));
    assertThat(flink.getStateBackend(), is(nullValue()));
    assertThat(flink.getSavepointPath(), is(nullValue()));
  }

  @Test
  void aStorageDirectoryRetainsCheckpointsInRocksDbAndKeepsTheUsersInterval() {
    FlinkPipelineOptions flink =
        options("--runner=FlinkRunner", "--checkpointingInterval=1500", "--stateBackendStoragePath=" + dir.resolve("c"));
    assertThat(FlinkSettings.applyToStream(flink), is(Optional.empty()));
    assertThat(flink.getCheckpointingInterval(), is(1500L));
    assertThat(flink.getMinPauseBetweenCheckpoints(), is(750L));
    assertThat(flink.getStateBackend(), is(FlinkSettings.DEFAULT_STATE_BACKEND));
    assertThat(flink.getStateBackendStoragePath(), is(dir.resolve("c").toUri().toString()));
    assertThat(flink.isExternalizedCheckpointsEnabled(), is(true));
    assertThat(flink.getRetainExternalizedCheckpointsOnCancellation(), is(true));
  }

  /**
   * A completion notice must reach the write before the next checkpoint's barrier (see the class
   * comment of {@link FlinkSettings}); a pause the user gives is kept.
   */
  @Test
  void aStreamPausesBetweenCheckpointsUnlessTheUserSaysOtherwise() {
    assertThat(FlinkSettings.minPauseFor(1_000), is(500L));
    assertThat(FlinkSettings.minPauseFor(60_000), is(FlinkSettings.MAX_MIN_PAUSE_MILLIS));
    FlinkPipelineOptions given =
        options("--runner=FlinkRunner", "--minPauseBetweenCheckpoints=200", "--maxBundleSize=500");
    FlinkSettings.applyToStream(given);
    assertThat(given.getMinPauseBetweenCheckpoints(), is(200L));
    assertThat(given.getMaxBundleSize(), is(500L));
  }

  @Test
  void aStreamStartedAgainResumesFromTheNewestCompleteCheckpointOfAnyJob() throws Exception {
    checkpoint("job-a", 7, true, 1_000);
    Path newest = checkpoint("job-b", 2, true, 5_000);
    checkpoint("job-b", 3, false, 0);
    FlinkPipelineOptions flink =
        options("--runner=FlinkRunner", "--stateBackendStoragePath=" + dir.resolve("ckpt"));
    assertThat(FlinkSettings.applyToStream(flink), is(Optional.of(newest.toString())));
    assertThat(flink.getSavepointPath(), is(newest.toUri().toString()));
  }

  /** The runner hands a savepoint only to a remote cluster: an embedded one reads it from its configuration. */
  @Test
  void anEmbeddedClusterResumesFromTheCheckpointItsConfigurationNames() throws Exception {
    Path newest = checkpoint("job-a", 4, true, 1_000);
    FlinkPipelineOptions flink = options("--runner=FlinkRunner", "--flinkMaster=[local]",
        "--stateBackendStoragePath=" + dir.resolve("ckpt"));
    FlinkSettings.applyToStream(flink);
    String conf = Files.readString(Path.of(flink.getFlinkConfDir(), "flink-conf.yaml"));
    assertThat(conf, startsWith("rest.bind-port: "));
    assertThat(conf, containsString(FlinkSettings.SAVEPOINT_PATH_KEY + ": " + newest.toUri() + "\n"));
    assertThat(conf, containsString("execution.savepoint.ignore-unclaimed-state: false\n"));
  }

  @Test
  void aUsersConfigurationIsCopiedWithTheCheckpointToResumeFrom() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("flink-conf.yaml"), "taskmanager.numberOfTaskSlots: 2\nrest.port: 8089\n");
    FlinkPipelineOptions flink = options("--runner=FlinkRunner", "--flinkConfDir=" + conf,
        "--savepointPath=file:///elsewhere/savepoint-1");
    FlinkSettings.applyToStream(flink);
    assertThat(flink.getFlinkConfDir(), is(not(conf.toString())));
    String copied = Files.readString(Path.of(flink.getFlinkConfDir(), "flink-conf.yaml"));
    assertThat(copied, startsWith("taskmanager.numberOfTaskSlots: 2\nrest.port: 8089\n"));
    assertThat(copied, containsString(FlinkSettings.SAVEPOINT_PATH_KEY + ": file:///elsewhere/savepoint-1\n"));
    assertThat(FlinkSettings.restEndpoint(flink), is(Optional.of(URI.create("http://localhost:8089"))));
  }

  @Test
  void aSavepointTheUserNamesWins() throws Exception {
    checkpoint("job-a", 1, true, 1_000);
    FlinkPipelineOptions flink = options("--runner=FlinkRunner", "--stateBackendStoragePath=" + dir.resolve("ckpt"),
        "--savepointPath=/elsewhere/savepoint-1");
    assertThat(FlinkSettings.applyToStream(flink), is(Optional.of("/elsewhere/savepoint-1")));
    assertThat(flink.getSavepointPath(), is("/elsewhere/savepoint-1"));
  }

  @Test
  void noCompleteCheckpointMeansAFreshStart() throws Exception {
    checkpoint("job-a", 1, false, 0);
    assertThat(FlinkSettings.latestCompleteCheckpoint(dir.resolve("ckpt")), is(Optional.empty()));
    assertThat(FlinkSettings.latestCompleteCheckpoint(dir.resolve("missing")), is(Optional.empty()));
  }

  @Test
  void anotherRunnerIsLeftAsItIs() {
    FlinkPipelineOptions direct = options("--runner=DirectRunner", "--stateBackendStoragePath=/x");
    assertThat(FlinkSettings.applyToStream(direct), is(Optional.empty()));
    FlinkSettings.applyToBatch(direct);
    assertThat(direct.getCheckpointingInterval(), is(-1L));
    assertThat(direct.getFlinkConfDir(), is(nullValue()));
    assertThat(FlinkSettings.checkpointStorage(direct), is(Optional.empty()));
  }

  @Test
  void anEmbeddedClusterGetsItsRestEndpointOnAFreePortAndUnderTheSystemClassLoaderNothingElse() throws Exception {
    FlinkPipelineOptions flink = options("--runner=FlinkRunner", "--flinkMaster=[local]");
    FlinkSettings.applyToBatch(flink);
    String conf = Files.readString(Path.of(flink.getFlinkConfDir(), "flink-conf.yaml"));
    assertThat(conf, startsWith("rest.bind-port: "));
    assertThat(conf, not(containsString("classloader")));
    String port = conf.substring("rest.bind-port: ".length()).trim();
    assertThat(FlinkSettings.restEndpoint(flink), is(Optional.of(URI.create("http://localhost:" + port))));
  }

  @Test
  void aConfigurationOfTheUsersIsKeptAndItsRestPortRead() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("flink-conf.yaml"), "taskmanager.numberOfTaskSlots: 2\nrest.port: 8089\n");
    FlinkPipelineOptions flink = options("--runner=FlinkRunner", "--flinkConfDir=" + conf);
    FlinkSettings.applyToStream(flink);
    assertThat(flink.getFlinkConfDir(), is(conf.toString()));
    assertThat(FlinkSettings.restEndpoint(flink), is(Optional.of(URI.create("http://localhost:8089"))));
  }

  @Test
  void aClustersAddressIsItsRestEndpointAndNoConfigurationIsWritten() {
    FlinkPipelineOptions flink = options("--runner=FlinkRunner", "--flinkMaster=localhost:8081");
    FlinkSettings.applyToStream(flink);
    assertThat(flink.getFlinkConfDir(), is(nullValue()));
    assertThat(FlinkSettings.restEndpoint(flink), is(Optional.of(URI.create("http://localhost:8081"))));
    assertThat(FlinkSettings.restEndpoint(options("--runner=DirectRunner")), is(Optional.empty()));
  }
}
