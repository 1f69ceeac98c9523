package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.MetricNames;
import java.util.Optional;
import org.apache.beam.sdk.metrics.MetricName;
import org.junit.jupiter.api.Test;

/**
 * How a metric as Flink's REST API lists it ({@code <operator>.<namespace>_<name>}, dots made
 * underscores) is named back in Beam's terms; the names are those a Flink job of this pipeline listed.
 * The live figures themselves are checked on a real embedded cluster, by the progress a Flink stream
 * reports in {@code WatchedDirectoryJobTest}.
 */
class FlinkRestMetricsTest {
  @Test
  void aMetricOfThePipelineIsNamedByItsNamespaceAndName() {
    assertThat(FlinkRestMetrics.metricName("ParseCleanAndPreAggregate/ParseCleanAndPreAggregate.funnelpulse_clean_valid"),
        is(Optional.of(MetricName.named(MetricNames.CLEAN, MetricNames.VALID))));
    assertThat(FlinkRestMetrics.metricName(
            "ReadEvents/CountRecordsRead/ParMultiDo(CountRecordsRead).funnelpulse_read_records_read"),
        is(Optional.of(MetricName.named(MetricNames.READ, MetricNames.RECORDS_READ))));
  }

  @Test
  void theLongestNamespaceWinsWhenANameHasUnderscoresToo() {
    assertThat(FlinkRestMetrics.metricName(
            "WriteDeadLetters/CountByReason/ParMultiDo(CountByReason).funnelpulse_dead_letters_quarantined_non_positive_price"),
        is(Optional.of(MetricName.named(MetricNames.DEAD_LETTERS, "quarantined_non_positive_price"))));
    assertThat(FlinkRestMetrics.metricName("Source__ReadEvents/ReadLandedFiles.funnelpulse_source_watermark_millis"),
        is(Optional.of(MetricName.named(MetricNames.SOURCE, MetricNames.WATERMARK_MILLIS))));
  }

  @Test
  void flinksOwnMetricsAreLeftOut() {
    assertThat(FlinkRestMetrics.metricName("Source__ReadEvents/ReadLandedFiles.numRecordsOut"), is(Optional.empty()));
    assertThat(FlinkRestMetrics.metricName("Source__ReadEvents/ReadLandedFiles.currentOutputWatermark"),
        is(Optional.empty()));
  }
}
