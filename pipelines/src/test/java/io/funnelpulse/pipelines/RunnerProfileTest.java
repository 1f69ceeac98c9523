package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runner profiles: the option files under {@code runner-profiles/}, how they are read, and how they are
 * merged under the user's own arguments (the user wins).
 */
class RunnerProfileTest {
  @TempDir Path dir;
  private String savedProperty;

  @BeforeEach
  void saveProperty() {
    savedProperty = System.getProperty(RunnerProfile.PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (savedProperty == null) {
      System.clearProperty(RunnerProfile.PROPERTY);
    } else {
      System.setProperty(RunnerProfile.PROPERTY, savedProperty);
    }
  }

  private static Path profilesDir() {
    String root = System.getProperty("funnelpulse.projectRoot");
    Path base = root == null || root.isBlank() ? Paths.get("..") : Paths.get(root);
    return base.resolve("runner-profiles");
  }

  private Path profile(String... lines) throws Exception {
    Path file = dir.resolve("test.options");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void fromFileIgnoresCommentsAndBlankLinesAndTrimsOptions() throws Exception {
    Path file =
        profile(
            "# a comment",
            "",
            "   --runner=DirectRunner   ",
            "\t",
            "  # an indented comment",
            "--targetParallelism=2",
            "--enforceImmutability=false");
    assertThat(
        RunnerProfile.fromFile(file).args(),
        contains("--runner=DirectRunner", "--targetParallelism=2", "--enforceImmutability=false"));
  }

  @Test
  void aMissingProfileFileIsAnErrorNamingIt() {
    Path missing = dir.resolve("no-such.options");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> RunnerProfile.fromFile(missing));
    assertThat(e.getMessage(), containsString("no-such.options"));
  }

  @Test
  void mergeUnderKeepsUserOptionsAndAddsOnlyTheOnesNotGiven() throws Exception {
    RunnerProfile p =
        RunnerProfile.fromFile(
            profile("--runner=SparkRunner", "--sparkMaster=local[*]", "--streaming", "--targetParallelism=4"));
    String[] merged =
        p.mergeUnder(new String[] {"--RUNNER=DirectRunner", "--streaming=false", "--output=/tmp/x"});
    assertThat(
        merged,
        arrayContaining(
            "--RUNNER=DirectRunner",
            "--streaming=false",
            "--output=/tmp/x",
            "--sparkMaster=local[*]",
            "--targetParallelism=4"));
  }

  @Test
  void mergeUnderTreatsAValuelessFlagAsGivenAndMatchesNamesIgnoringCase() throws Exception {
    RunnerProfile p = RunnerProfile.fromFile(profile("--Streaming=true", "--blockOnRun=false"));
    assertThat(p.mergeUnder(new String[] {"--streaming"}), arrayContaining("--streaming", "--blockOnRun=false"));
    assertThat(
        p.mergeUnder(new String[] {"--blockonrun=true"}),
        arrayContaining("--blockonrun=true", "--Streaming=true"));
  }

  @Test
  void mergeUnderWithNoUserArgumentsIsTheProfileAndAnEmptyProfileChangesNothing() throws Exception {
    RunnerProfile p = RunnerProfile.fromFile(profile("--runner=DirectRunner", "--targetParallelism=2"));
    assertThat(p.mergeUnder(new String[0]), arrayContaining("--runner=DirectRunner", "--targetParallelism=2"));
    RunnerProfile none = RunnerProfile.fromFile(profile("# nothing but a comment"));
    assertThat(none.args(), is(empty()));
    assertThat(none.mergeUnder(new String[] {"--input=a", "--output=b"}), arrayContaining("--input=a", "--output=b"));
  }

  @Test
  void fromSystemPropertyReadsTheNamedFileOrNothing() throws Exception {
    System.clearProperty(RunnerProfile.PROPERTY);
    assertThat(RunnerProfile.fromSystemProperty().args(), is(empty()));
    System.setProperty(RunnerProfile.PROPERTY, "  ");
    assertThat(RunnerProfile.fromSystemProperty().args(), is(empty()));
    System.setProperty(RunnerProfile.PROPERTY, profile("--runner=DirectRunner").toString());
    assertThat(RunnerProfile.fromSystemProperty().args(), contains("--runner=DirectRunner"));
  }

  @Test
  void theShippedDirectProfileGivesValidDirectRunnerOptions() {
    RunnerProfile direct = RunnerProfile.fromFile(profilesDir().resolve("direct.options"));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(direct.mergeUnder(new String[] {"--output=/tmp/out"}))
            .withValidation()
            .as(FunnelPulseOptions.class);
    assertThat(options.getRunner().getSimpleName(), equalTo("DirectRunner"));
    assertThat(options.getOutput(), equalTo("/tmp/out"));
    DirectOptions directOptions = options.as(DirectOptions.class);
    assertThat(directOptions.isEnforceImmutability(), is(false));
    assertThat(directOptions.isEnforceEncodability(), is(false));
    assertThat(directOptions.getTargetParallelism(), is(2));
  }

  @Test
  void theShippedSparkLocalProfileGivesValidSparkRunnerOptions() {
    RunnerProfile spark = RunnerProfile.fromFile(profilesDir().resolve("spark-local.options"));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(spark.mergeUnder(new String[0])).as(FunnelPulseOptions.class);
    assertThat(options.getRunner().getSimpleName(), equalTo("SparkRunner"));
    assertThat(options.as(SparkPipelineOptions.class).getSparkMaster(), equalTo("local[*]"));
    assertThat(options.as(SparkPipelineOptions.class).getStorageLevel(), equalTo("MEMORY_AND_DISK_SER"));
    // A user's master overrides the profile's.
    FunnelPulseOptions pinned =
        PipelineOptionsFactory.fromArgs(spark.mergeUnder(new String[] {"--sparkMaster=local[2]"}))
            .as(FunnelPulseOptions.class);
    assertThat(pinned.as(SparkPipelineOptions.class).getSparkMaster(), equalTo("local[2]"));
  }

  @Test
  void theShippedFlinkLocalProfileRunsInAnEmbeddedClusterAndAUsersParallelismWins() {
    RunnerProfile flink = RunnerProfile.fromFile(profilesDir().resolve("flink-local.options"));
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(flink.mergeUnder(new String[0])).as(FunnelPulseOptions.class);
    assertThat(options.getRunner().getSimpleName(), equalTo("FlinkRunner"));
    assertThat(options.as(FlinkPipelineOptions.class).getFlinkMaster(), equalTo("[local]"));
    FunnelPulseOptions pinned =
        PipelineOptionsFactory.fromArgs(flink.mergeUnder(new String[] {"--parallelism=2"}))
            .as(FunnelPulseOptions.class);
    assertThat(pinned.as(FlinkPipelineOptions.class).getParallelism(), is(2));
  }

  @Test
  void theShippedFlinkSmallProfileRunsOneSubtaskPerStepWithHeapStateAndObjectReuse() {
    RunnerProfile small = RunnerProfile.fromFile(profilesDir().resolve("flink-small.options"));
    FlinkPipelineOptions options =
        PipelineOptionsFactory.fromArgs(small.mergeUnder(new String[0])).as(FlinkPipelineOptions.class);
    assertThat(options.getRunner().getSimpleName(), equalTo("FlinkRunner"));
    assertThat(options.getFlinkMaster(), equalTo("[local]"));
    assertThat(options.getParallelism(), is(1));
    assertThat(options.getStateBackend(), equalTo("filesystem"));
    assertThat(options.getObjectReuse(), is(true));
    assertThat(options.getCheckpointingInterval(), is(2000L));
  }

  @Test
  void everyShippedProfileParsesIntoFunnelPulseOptions() throws Exception {
    List<Path> files;
    try (Stream<Path> listing = Files.list(profilesDir())) {
      files = listing.filter(f -> f.toString().endsWith(".options")).sorted().collect(Collectors.toList());
    }
    assertThat(
        files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toList()),
        hasItems("direct.options", "spark-local.options", "flink-local.options", "flink-small.options"));
    for (Path file : files) {
      RunnerProfile profile = RunnerProfile.fromFile(file);
      assertThat(file + " names a runner", profile.args().stream().anyMatch(a -> a.startsWith("--runner=")), is(true));
      FunnelPulseOptions options =
          PipelineOptionsFactory.fromArgs(profile.args().toArray(new String[0])).as(FunnelPulseOptions.class);
      assertThat(
          file.toString(),
          options.getRunner().getSimpleName(),
          oneOf("DirectRunner", "SparkRunner", "FlinkRunner"));
    }
  }
}
