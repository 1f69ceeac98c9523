package io.funnelpulse.model;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The value of a metric once its run has finished: the committed value where the runner keeps one,
 * the attempted value where it does not (the Spark and Flink runners).
 *
 * <p>The Direct runner commits a bundle's metrics as it hands the bundle's result on, which is what
 * lets the run finish, but adds them to the attempted values only after that, from the thread that
 * ran the bundle. Read right after {@code waitUntilFinish()}, the attempted values can miss the last
 * bundles' counts (those a DoFn publishes in {@code @FinishBundle} in particular); the committed ones
 * cannot. Everything that reads the counts of a finished run goes through here.
 */
public final class MetricValues {
  private MetricValues() {}

  /** The settled value of {@code metric} of a finished run. */
  public static <T> T settled(MetricResult<T> metric) {
    T committed = metric.getCommittedOrNull();
    return committed != null ? committed : metric.getAttempted();
  }

  /** The settled total of counter {@code name} in {@code namespace} of a finished run, over every step. */
  public static long counterTotal(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(namespace, name)).build()).getCounters()) {
      total += settled(counter);
    }
    return total;
  }
}
