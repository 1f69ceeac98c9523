package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The default parallelism a bounded run on a local Spark master sets, and what it leaves alone. */
class SparkBatchSettingsTest {
  @Test
  void aLocalMasterGetsFourPartitionsPerCore() {
    assertThat(SparkBatchSettings.localPartitions("local[2]"), is(8));
    assertThat(SparkBatchSettings.localPartitions("local[3,2]"), is(12));
    assertThat(SparkBatchSettings.localPartitions("local"), is(4));
    assertThat(SparkBatchSettings.localPartitions("local[*]"), is(4 * Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void aClusterMasterIsLeftAlone() {
    assertThat(SparkBatchSettings.localPartitions("spark://host:7077"), is(0));
    assertThat(SparkBatchSettings.localPartitions("yarn"), is(0));
    assertThat(SparkBatchSettings.localPartitions(null), is(0));
  }

  @Test
  void theSettingLastsForTheRunAndAUsersOwnValueOrASubmittedClusterMasterWins() {
    FunnelPulseOptions options = PipelineOptionsFactory
        .fromArgs("--runner=SparkRunner", "--sparkMaster=local[2]").as(FunnelPulseOptions.class);
    try (SparkBatchSettings applied = SparkBatchSettings.applyToBatch(options)) {
      assertThat(System.getProperty(SparkBatchSettings.PARALLELISM_PROPERTY), is("8"));
    }
    assertThat(System.getProperty(SparkBatchSettings.PARALLELISM_PROPERTY), is(nullValue()));

    System.setProperty(SparkBatchSettings.PARALLELISM_PROPERTY, "3");
    try (SparkBatchSettings applied = SparkBatchSettings.applyToBatch(options)) {
      assertThat(System.getProperty(SparkBatchSettings.PARALLELISM_PROPERTY), is("3"));
    } finally {
      System.clearProperty(SparkBatchSettings.PARALLELISM_PROPERTY);
    }

    System.setProperty("spark.master", "spark://host:7077");
    try (SparkBatchSettings applied = SparkBatchSettings.applyToBatch(options)) {
      assertThat(System.getProperty(SparkBatchSettings.PARALLELISM_PROPERTY), is(nullValue()));
    } finally {
      System.clearProperty("spark.master");
    }

    FunnelPulseOptions direct = PipelineOptionsFactory.fromArgs("--runner=DirectRunner").as(FunnelPulseOptions.class);
    try (SparkBatchSettings applied = SparkBatchSettings.applyToBatch(direct)) {
      assertThat(System.getProperty(SparkBatchSettings.PARALLELISM_PROPERTY), is(nullValue()));
    }
  }
}
