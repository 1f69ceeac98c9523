package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run on the Flink runner is given: checkpoints and a drain at the end for a stream, retained
 * checkpoints in RocksDB when a directory is named, and the newest complete checkpoint under it to
 * resume from; nothing for another runner.
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
    assertThat(flink.getEnableStableInputDrain(), is(true));
    assertThat(flink.getStateBackend(), is(nullValue()));
    assertThat(flink.getSavepointPath(), is(nullValue()));
  }

  @Test
  void aStorageDirectoryRetainsCheckpointsInRocksDbAndKeepsTheUsersInterval() {
    FlinkPipelineOptions flink =
        options("--runner=FlinkRunner", "--checkpointingInterval=1500", "--stateBackendStoragePath=" + dir.resolve("c"));
    assertThat(FlinkSettings.applyToStream(flink), is(Optional.empty()));
    assertThat(flink.getCheckpointingInterval(), is(1500L));
    assertThat(flink.getStateBackend(), is(FlinkSettings.DEFAULT_STATE_BACKEND));
    assertThat(flink.getStateBackendStoragePath(), is(dir.resolve("c").toUri().toString()));
    assertThat(flink.isExternalizedCheckpointsEnabled(), is(true));
    assertThat(flink.getRetainExternalizedCheckpointsOnCancellation(), is(true));
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
  void underTheSystemClassLoaderNoConfigurationIsWritten() {
    FlinkPipelineOptions flink = options("--runner=FlinkRunner");
    FlinkSettings.applyToBatch(flink);
    assertThat(flink.getFlinkConfDir(), is(nullValue()));
  }
}
