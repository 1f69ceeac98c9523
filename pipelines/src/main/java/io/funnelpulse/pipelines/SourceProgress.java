package io.funnelpulse.pipelines;

import io.funnelpulse.model.MetricNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Where a streaming source stands, from its own metrics (attempted values): its watermark, the
 * windows still open (waiting for their on-time pane, or within the allowed lateness), the records it
 * read behind the watermark but within the allowed lateness (late), those read past their window's
 * lateness horizon (too late, sent to the dead letters), and whether its input is complete.
 */
public final class SourceProgress {
  private final long watermarkMillis;
  private final long openWindows;
  private final long windowsInLateness;
  private final long lateRecords;
  private final long tooLateRecords;
  private final boolean inputComplete;
  private final long checkpointsAfterEnd;

  private SourceProgress(
      long watermarkMillis,
      long openWindows,
      long windowsInLateness,
      long lateRecords,
      long tooLateRecords,
      boolean inputComplete,
      long checkpointsAfterEnd) {
    this.watermarkMillis = watermarkMillis;
    this.openWindows = openWindows;
    this.windowsInLateness = windowsInLateness;
    this.lateRecords = lateRecords;
    this.tooLateRecords = tooLateRecords;
    this.inputComplete = inputComplete;
    this.checkpointsAfterEnd = checkpointsAfterEnd;
  }

  /** Reads the source's metrics ({@link MetricNames#SOURCE}) of a running or finished job. */
  public static SourceProgress of(PipelineResult result) {
    MetricQueryResults metrics =
        result.metrics().queryMetrics(
            MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(MetricNames.SOURCE))
                .build());
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      counters.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
    }
    Map<String, Long> gauges = new HashMap<>();
    long watermark = Long.MAX_VALUE;
    for (MetricResult<GaugeResult> gauge : metrics.getGauges()) {
      String name = gauge.getName().getName();
      long value = gauge.getAttempted().getValue();
      if (name.startsWith(MetricNames.WATERMARK_MILLIS)) {
        watermark = Math.min(watermark, value); // one per partition of a source: the lowest holds
      } else {
        gauges.merge(name, value, Math::max);
      }
    }
    return new SourceProgress(
        watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark,
        gauges.getOrDefault(MetricNames.OPEN_WINDOWS, 0L),
        gauges.getOrDefault(MetricNames.WINDOWS_IN_LATENESS, 0L),
        counters.getOrDefault(MetricNames.LATE_RECORDS, 0L),
        counters.getOrDefault(MetricNames.TOO_LATE_RECORDS, 0L),
        gauges.getOrDefault(MetricNames.INPUT_COMPLETE, 0L) > 0,
        counters.getOrDefault(MetricNames.CHECKPOINTS_AFTER_END, 0L));
  }

  /** The source's watermark from the last event read, or {@code null} before it read any event. */
  public Instant watermark() {
    return watermarkMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermarkMillis);
  }

  /** Windows with events read whose on-time pane is still to come. */
  public long openWindows() {
    return openWindows;
  }

  /** Windows past their end that late events can still correct. */
  public long windowsInLateness() {
    return windowsInLateness;
  }

  public long lateRecords() {
    return lateRecords;
  }

  public long tooLateRecords() {
    return tooLateRecords;
  }

  /**
   * This progress of a stream that ended by itself on a runner that does not report a source's own
   * metrics (the Flink runner keeps a reader's metrics out of the job's result): its input was complete,
   * every window is closed, and the too-late records are those parsing sent to the dead letters as
   * such ({@code tooLateQuarantined}). Its watermark and late records stay unknown.
   */
  SourceProgress endedByItself(long tooLateQuarantined) {
    return new SourceProgress(watermarkMillis, 0, 0, lateRecords, Math.max(tooLateRecords, tooLateQuarantined),
        true, checkpointsAfterEnd);
  }

  /** Whether the end marker was seen and every file before it read (the watermark is then final). */
  public boolean inputComplete() {
    return inputComplete;
  }

  /** Checkpoints the source took after its input was complete: reads (bundles, micro-batches) since. */
  public long checkpointsAfterEnd() {
    return checkpointsAfterEnd;
  }

  @Override
  public String toString() {
    return String.format("watermark %s  open windows %,d (+%,d in lateness)  late %,d  too late %,d%s",
        watermark() == null ? "(none yet)" : watermark(), openWindows, windowsInLateness, lateRecords,
        tooLateRecords, inputComplete ? "  input complete" : "");
  }
}
