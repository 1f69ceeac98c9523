package io.funnelpulse.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelpulse.io.StorageDirectory;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.TableNames;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;

/**
 * What a finished run tells its user: counts from the run's metrics, and from the written final view
 * the windows, rows and the top brands of the busiest window; for a stream also where its source
 * stood at the end (watermark, open windows, late and too-late records, whether its input was
 * complete). Printed as text and saved as {@value #FILE_NAME} next to the outputs.
 */
public final class RunSummary {
  /** File name of the JSON summary in the output directory. */
  public static final String FILE_NAME = "_run_summary.json";

  /** How many keys of the busiest window the summary lists. */
  static final int TOP_KEYS = 5;

  private final String runner;
  private final double wallSeconds;
  private final RunMetrics metrics;
  private final StorageDirectory outputDir;
  private final String tableDir;
  private final FinalViewStats finalView;
  private final List<String> tables;
  private final StreamFacts stream;
  private final String missingKeyLabel;

  RunSummary(
      String runner,
      double wallSeconds,
      RunMetrics metrics,
      StorageDirectory outputDir,
      String tableDir,
      FinalViewStats finalView,
      List<String> tables,
      StreamFacts stream,
      String missingKeyLabel) {
    this.runner = runner;
    this.wallSeconds = wallSeconds;
    this.metrics = metrics;
    this.outputDir = outputDir;
    this.tableDir = tableDir;
    this.finalView = finalView;
    this.tables = List.copyOf(tables);
    this.stream = stream;
    this.missingKeyLabel = missingKeyLabel;
  }

  /**
   * The summary of a finished job: its metrics, and the final view read back from the output.
   * {@code stream} holds a stream's facts (where its source stood at the end, whether it resumed), or
   * is {@code null} for a bounded run.
   */
  static RunSummary of(FunnelPulseOptions options, PipelineResult result, double seconds, StreamFacts stream)
      throws IOException {
    StorageDirectory outputDir = StorageDirectory.of(options.getOutput(), options);
    try {
      return new RunSummary(
          options.getRunner().getSimpleName(),
          seconds,
          RunMetrics.of(result),
          outputDir,
          outputDir.child(options.getDimension().tableName()),
          FinalViewStats.readIfLocal(options.getOutput(), options.getDimension(), TOP_KEYS),
          OutputTables.of(options),
          stream,
          missingKeyLabel(options.getDimension().column()));
    } catch (SQLException e) {
      throw new IOException("Cannot read the final view under " + outputDir, e);
    }
  }

  /**
   * How the listing names the events without a key: {@code (no brand)} for the events REES46 logs
   * without a brand (a large share of real traffic), {@code (all events)} without a dimension.
   */
  static String missingKeyLabel(String keyColumn) {
    return keyColumn == null ? "(all events)" : "(no " + keyColumn + ")";
  }

  /** Whether the run read all its input: always for a bounded run; for a stream, its end marker. */
  public boolean inputComplete() {
    return stream == null || stream.source().inputComplete();
  }

  public RunMetrics metrics() {
    return metrics;
  }

  /** Number of distinct windows in the final view. */
  public long windows() {
    return finalView.windows();
  }

  /** The final-view rows of the window with the most views, busiest first; empty if no output. */
  public List<FunnelRow> busiestWindowTopKeys() {
    return finalView.busiestWindowTopKeys();
  }

  /** The human-readable summary. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    if (stream == null) {
      s.append(String.format("FunnelPulse run finished on %s in %.1f s%n", runner, wallSeconds));
    } else {
      s.append(String.format("FunnelPulse stream ended on %s after %.1f s, %s%n", runner, wallSeconds,
          stream.source().inputComplete()
              ? "its input complete: every window is closed"
              : "stopped before its input was complete: open windows may still change"));
      if (stream.stoppedBy() != null) {
        s.append(String.format("  stopped by        %s; %s%n", stream.stoppedBy(), stream.resumeHint()));
      }
      if (stream.resumed()) {
        s.append("  resumed           from an earlier run's checkpoint: on Spark the counts include that run's,"
          + " on Flink they are this run's alone\n");
      }
      s.append(String.format("  source            %s%n", stream.source()));
      s.append(String.format("  repeated panes    %,d fired again by the runner, dropped before writing%n",
          metrics.repeatedPanesDropped()));
    }
    s.append(String.format("  records read      %,d (%,.0f records/s)%n", metrics.recordsRead(),
        wallSeconds > 0 ? metrics.recordsRead() / wallSeconds : 0.0));
    s.append(String.format("  valid events      %,d%n", metrics.valid()));
    s.append(String.format("  quarantined       %,d %s%n", metrics.quarantined(), metrics.quarantinedByReason()));
    s.append(String.format("  read = valid + quarantined: %s%n", metrics.conserved() ? "yes" : "NO"));
    s.append(String.format("  pre-aggregated    %,d valid events into %,d partials to group %s%n",
        metrics.valid(), metrics.partials(), metrics.partialsByAggregation()));
    if (finalView.wasRead()) {
      s.append(String.format("  funnel rows       %,d written, %,d in the final view, %,d windows%n",
          metrics.funnelRowsWritten(), finalView.rows(), windows()));
    } else {
      s.append(String.format("  funnel rows       %,d written; final view not read back: %s%n",
          metrics.funnelRowsWritten(), finalView.notReadBecause()));
    }
    s.append(String.format("  funnel table      %s%n", tableDir));
    s.append(String.format("  dead letters      %s%n", outputDir.child(TableNames.DEAD_LETTER)));
    s.append(String.format("  all tables        %s (under %s)%n", String.join(", ", tables), outputDir));
    List<FunnelRow> top = busiestWindowTopKeys();
    if (!top.isEmpty()) {
      s.append(String.format("  busiest window    %s — top keys by views:%n",
          Instant.ofEpochMilli(top.get(0).windowStartMillis())));
      for (FunnelRow row : top) {
        FunnelCounts c = row.counts();
        s.append(String.format("    %-20s views %,7d  carts %,6d  purchases %,5d  revenue %s%n",
            row.key() == null ? missingKeyLabel : row.key(), c.views(), c.carts(), c.purchases(),
            BigDecimal.valueOf(c.revenueCents(), 2).toPlainString()));
      }
    }
    return s.toString();
  }

  /** Writes the JSON summary to {@code outputDir}/{@value #FILE_NAME} and returns where it is. */
  public String writeJson() throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("runner", runner);
    root.put("mode", stream == null ? "batch" : "streaming");
    root.put("input_complete", inputComplete());
    root.put("wall_seconds", wallSeconds);
    root.put("records_read", metrics.recordsRead());
    root.put("valid", metrics.valid());
    root.put("quarantined", metrics.quarantined());
    ObjectNode reasons = root.putObject("quarantined_by_reason");
    metrics.quarantinedByReason().forEach(reasons::put);
    root.put("conserved", metrics.conserved());
    ObjectNode partials = root.putObject("partials_by_aggregation");
    metrics.partialsByAggregation().forEach(partials::put);
    if (stream != null) {
      SourceProgress source = stream.source();
      root.put("resumed_from_checkpoint", stream.resumed());
      root.put("stopped_by", stream.stoppedBy());
      root.put("watermark", source.watermark() == null ? null : source.watermark().toString());
      root.put("open_windows", source.openWindows());
      root.put("windows_in_lateness", source.windowsInLateness());
      root.put("late_records", source.lateRecords());
      root.put("too_late_records", source.tooLateRecords());
      root.put("repeated_panes_dropped", metrics.repeatedPanesDropped());
    }
    root.put("funnel_rows_written", metrics.funnelRowsWritten());
    if (finalView.wasRead()) {
      root.put("final_view_rows", finalView.rows());
      root.put("windows", windows());
    } else {
      root.put("final_view_not_read", finalView.notReadBecause());
    }
    root.put("funnel_table", tableDir);
    ArrayNode tableNames = root.putArray("tables");
    tables.forEach(tableNames::add);
    ArrayNode top = root.putArray("busiest_window_top_keys");
    for (FunnelRow row : busiestWindowTopKeys()) {
      ObjectNode entry = top.addObject();
      entry.put("window_start", Instant.ofEpochMilli(row.windowStartMillis()).toString());
      entry.put("key", row.key());
      entry.put("views", row.counts().views());
      entry.put("purchases", row.counts().purchases());
      entry.put("revenue", BigDecimal.valueOf(row.counts().revenueCents(), 2));
    }
    return outputDir.writeFile(FILE_NAME, mapper.writeValueAsBytes(root));
  }
}
