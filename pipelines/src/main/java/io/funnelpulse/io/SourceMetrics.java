package io.funnelpulse.io;

/**
 * Names of the metrics a streaming source reports about itself (namespace {@value #NAMESPACE}), read
 * by the streaming progress line and run summary: its watermark, the windows still open, late and
 * too-late records, and whether its input is complete. Every source reports the ones it knows.
 */
public final class SourceMetrics {
  /** Namespace of the source metrics. */
  public static final String NAMESPACE = "source";

  /**
   * Gauge: the source's watermark, epoch millis. A source with several parts (Kafka partitions)
   * reports one gauge per part, named with this prefix and {@code /<part>}; the lowest counts.
   */
  public static final String WATERMARK_MILLIS = "watermark_millis";

  /** Counter: records read behind the watermark but within the allowed lateness. */
  public static final String LATE_RECORDS = "late_records";

  /** Counter: records read after their window's lateness horizon (sent on as too late). */
  public static final String TOO_LATE_RECORDS = "too_late_records";

  /** Gauge: windows with events read whose end the watermark has not reached (on-time pane to come). */
  public static final String OPEN_WINDOWS = "open_windows";

  /** Gauge: windows past their end but within the allowed lateness (late events still correct them). */
  public static final String WINDOWS_IN_LATENESS = "windows_in_lateness";

  /** Gauge: 1 once the source's input is complete; its watermark is then final. */
  public static final String INPUT_COMPLETE = "input_complete";

  /**
   * Counter: checkpoints finalized after the input was complete. A runner finalizes one per bundle
   * or micro-batch, so this counts the reads since the end: on Spark, once it has grown by a few, the
   * micro-batches that fire the last windows have run (they run one after another).
   */
  public static final String CHECKPOINTS_AFTER_END = "checkpoints_after_end";

  private SourceMetrics() {}
}
