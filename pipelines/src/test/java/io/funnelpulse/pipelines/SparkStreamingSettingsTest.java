package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@link SparkStreamingSettings}: a Spark stream checkpoints every micro-batch unless told otherwise. */
class SparkStreamingSettingsTest {
  private static SparkPipelineOptions applied(String... args) {
    SparkPipelineOptions options = PipelineOptionsFactory.fromArgs(args).as(SparkPipelineOptions.class);
    SparkStreamingSettings.applyTo(options);
    return options;
  }

  @Test
  void aSparkStreamWithoutACheckpointDurationCheckpointsEveryMicroBatch() {
    assertThat(applied("--runner=SparkRunner", "--batchIntervalMillis=1000").getCheckpointDurationMillis(), is(1000L));
  }

  @Test
  void anExplicitCheckpointDurationIsKept() {
    assertThat(
        applied("--runner=SparkRunner", "--batchIntervalMillis=1000", "--checkpointDurationMillis=5000")
            .getCheckpointDurationMillis(),
        is(5000L));
  }

  @Test
  void otherRunnersAreLeftAlone() {
    assertThat(applied("--runner=DirectRunner").getCheckpointDurationMillis(), is(-1L));
  }
}
