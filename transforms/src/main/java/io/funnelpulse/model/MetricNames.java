package io.funnelpulse.model;

import java.util.List;

/**
 * The names of the job's Beam metrics: the one home for the steps that count and for what reads the
 * counts back (the run summary, the streaming progress line, tests).
 *
 * <p>The scheme: every metric sits in a namespace {@code funnelpulse.<stage>}, the stage of the job
 * that counts it, whichever class does the counting ({@link #READ}, {@link #SOURCE}, {@link #PARSE},
 * {@link #CLEAN}, {@link #PREAGGREGATE}, {@link #PANES}, {@link #SESSIONS}, {@link #ANOMALIES}, {@link #WRITE},
 * {@link #DEAD_LETTERS}); names are lower snake case and say what is counted. Every source (files, the
 * watched directory, Kafka) counts its records under {@link #READ}, so a run's totals do not depend on
 * where the records came from.
 */
public final class MetricNames {
  /** What every namespace starts with. */
  public static final String PREFIX = "funnelpulse.";

  /** Namespace: what the sources read. */
  public static final String READ = PREFIX + "read";
  /** Counter in {@link #READ}: records read, by every source. */
  public static final String RECORDS_READ = "records_read";
  /** Counter in {@link #READ}: files opened by the file source. */
  public static final String FILES_READ = "files_read";
  /** Counter in {@link #READ}: CSV header lines skipped by the file source. */
  public static final String HEADER_LINES_SKIPPED = "header_lines_skipped";

  /** Namespace: a streaming source's event-time progress, read by the progress line and the summary. */
  public static final String SOURCE = PREFIX + "source";
  /**
   * Gauge in {@link #SOURCE}: the source's watermark, epoch millis. A source with several parts (Kafka
   * partitions) reports one gauge per part, named with this prefix and {@code /<part>}; the lowest counts.
   */
  public static final String WATERMARK_MILLIS = "watermark_millis";
  /** Counter in {@link #SOURCE}: records read behind the watermark but within the allowed lateness. */
  public static final String LATE_RECORDS = "late_records";
  /** Counter in {@link #SOURCE}: records read after their window's lateness horizon (sent on as too late). */
  public static final String TOO_LATE_RECORDS = "too_late_records";
  /** Gauge in {@link #SOURCE}: windows with events whose end the watermark has not reached. */
  public static final String OPEN_WINDOWS = "open_windows";
  /** Gauge in {@link #SOURCE}: windows past their end but within the allowed lateness. */
  public static final String WINDOWS_IN_LATENESS = "windows_in_lateness";
  /** Gauge in {@link #SOURCE}: 1 once the source's input is complete; its watermark is then final. */
  public static final String INPUT_COMPLETE = "input_complete";
  /**
   * Counter in {@link #SOURCE}: checkpoints finalized after the input was complete. A runner finalizes
   * one per bundle or micro-batch, so this counts the reads since the end: on Spark, once it has grown
   * by a few, the micro-batches that fire the last windows have run (they run one after another).
   */
  public static final String CHECKPOINTS_AFTER_END = "checkpoints_after_end";

  /** Namespace: parsing. */
  public static final String PARSE = PREFIX + "parse";
  /** Counter in {@link #PARSE}: records parsed into events. */
  public static final String PARSED = "parsed";

  /** Namespace: cleaning and its data-quality flags. */
  public static final String CLEAN = PREFIX + "clean";
  /** Counter in {@link #CLEAN}: events that passed every rule. */
  public static final String VALID = "valid";
  /** Counter in {@link #CLEAN}: valid events without a session. */
  public static final String MISSING_SESSION = "missing_session";
  /** Counter in {@link #CLEAN}: valid events without a brand. */
  public static final String MISSING_BRAND = "missing_brand";
  /** Counter in {@link #CLEAN}: valid events without a category. */
  public static final String MISSING_CATEGORY = "missing_category";

  /** Namespace: pre-aggregation within a bundle. */
  public static final String PREAGGREGATE = PREFIX + "preaggregate";
  /** Counter prefix in {@link #PREAGGREGATE}: partials sent on, then the aggregation's tag id. */
  public static final String PARTIALS_PREFIX = "partials_";

  /** Namespace: turning a stream's panes into running totals. */
  public static final String PANES = PREFIX + "panes";
  /** Counter in {@link #PANES}: repeated panes of a window and key, dropped before being written twice. */
  public static final String REPEATED_PANES_DROPPED = "repeated_panes_dropped";

  /** Namespace: anomaly detection. */
  public static final String ANOMALIES = PREFIX + "anomalies";
  /** Counter in {@link #ANOMALIES}: alert states output (opened, updated, closed, provisional). */
  public static final String FOUND = "found";
  /** Counter in {@link #ANOMALIES}: a stream's ON_TIME panes of a window before one already judged (only recorded). */
  public static final String ON_TIME_AFTER_LATER_WINDOWS = "on_time_panes_after_later_windows";

  /** Namespace: the sessions' ledger. */
  public static final String SESSIONS = PREFIX + "sessions";
  /** Counter in {@link #SESSIONS}: sessions merged into one that starts earlier (by a bridging event). */
  public static final String SESSIONS_MERGED = "sessions_merged";
  /** Counter in {@link #SESSIONS}: sessions let go of once no event could join them any more. */
  public static final String SESSIONS_CLOSED = "sessions_closed";
  /**
   * Distribution in {@link #SESSIONS}: the sessions a ledger bucket keeps after letting the closed ones
   * go; its maximum over a stream says whether the ledger's state stays bounded.
   */
  public static final String SESSIONS_KEPT = "sessions_kept_per_bucket";

  /** Namespace: rows written to the tables. */
  public static final String WRITE = PREFIX + "write";
  /** Counter in {@link #WRITE}: funnel rows written, whatever the funnel's key. */
  public static final String FUNNEL_ROWS = "funnel_rows";

  /** Namespace: records sent to the dead letters. */
  public static final String DEAD_LETTERS = PREFIX + "dead_letters";
  /** Counter prefix in {@link #DEAD_LETTERS}: records sent there, then the reason's code. */
  public static final String DEAD_LETTERS_PREFIX = "quarantined_";

  /** Every namespace of the job's metrics. */
  public static final List<String> NAMESPACES =
      List.of(READ, SOURCE, PARSE, CLEAN, PREAGGREGATE, PANES, SESSIONS, ANOMALIES, WRITE, DEAD_LETTERS);

  private MetricNames() {}

  /** Counter in {@link #WRITE}: rows written to {@code table} ({@code funnel_hourly_brand_rows}). */
  public static String rowsWritten(String table) {
    return table + "_rows";
  }
}
