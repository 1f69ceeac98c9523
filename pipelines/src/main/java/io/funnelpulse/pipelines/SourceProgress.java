package io.funnelpulse.pipelines;

import io.funnelpulse.io.watch.WatchedDirectorySource;
import java.time.Instant;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Where a streaming source stands, from its own metrics (attempted values): its watermark, the
 * records it read behind the watermark but within the allowed lateness (late), and those read past
 * their window's lateness horizon (too late, sent to the dead letters).
 */
public final class SourceProgress {
  private final long watermarkMillis;
  private final long lateRecords;
  private final long tooLateRecords;

  private SourceProgress(long watermarkMillis, long lateRecords, long tooLateRecords) {
    this.watermarkMillis = watermarkMillis;
    this.lateRecords = lateRecords;
    this.tooLateRecords = tooLateRecords;
  }

  /** Reads the watched-directory source's metrics of a running or finished job. */
  public static SourceProgress of(PipelineResult result) {
    MetricQueryResults metrics =
        result.metrics().queryMetrics(
            MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(WatchedDirectorySource.METRICS_NAMESPACE))
                .build());
    long late = 0;
    long tooLate = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      String name = counter.getName().getName();
      if (name.equals(WatchedDirectorySource.LATE_RECORDS)) {
        late += counter.getAttempted();
      } else if (name.equals(WatchedDirectorySource.TOO_LATE_RECORDS)) {
        tooLate += counter.getAttempted();
      }
    }
    long watermark = Long.MIN_VALUE;
    for (MetricResult<GaugeResult> gauge : metrics.getGauges()) {
      if (gauge.getName().getName().equals(WatchedDirectorySource.WATERMARK_MILLIS)) {
        watermark = Math.max(watermark, gauge.getAttempted().getValue());
      }
    }
    return new SourceProgress(watermark, late, tooLate);
  }

  /** The source's watermark, or {@code null} before it read any event. */
  public Instant watermark() {
    return watermarkMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermarkMillis);
  }

  public long lateRecords() {
    return lateRecords;
  }

  public long tooLateRecords() {
    return tooLateRecords;
  }

  @Override
  public String toString() {
    return String.format("watermark %s  late %,d  too late %,d",
        watermark() == null ? "(none yet)" : watermark(), lateRecords, tooLateRecords);
  }
}
