package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.WindowRow;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes {@link WindowRow}s as a Parquet table partitioned by {@code window_date} only (never by key),
 * with the shared window and pane columns and the table's own {@link WindowRowColumns}, and counts
 * them in {@code funnelpulse.write/<table>_rows}.
 *
 * <pre>{@code
 * pageViews.apply("WritePageViews",
 *     WriteWindowRowTable.to("/out", "pageviews_hourly", "pageviews_hourly", WindowRowColumns.pageViews()));
 * }</pre>
 *
 * @param <K> the row key
 * @param <V> the row value
 */
public final class WriteWindowRowTable<K, V> extends PTransform<PCollection<WindowRow<K, V>>, PDone> {
  private final String outputDir;
  private final String table;
  private final String schemaName;
  private final WindowRowColumns<K, V> columns;
  private final int rowGroupMegabytes;

  private WriteWindowRowTable(
      String outputDir, String table, String schemaName, WindowRowColumns<K, V> columns, int rowGroupMegabytes) {
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    this.table = Objects.requireNonNull(table, "table");
    this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.rowGroupMegabytes = rowGroupMegabytes;
  }

  /** Writes {@code table} under {@code outputDir} in the layout of schema {@code schemaName}. */
  public static <K, V> WriteWindowRowTable<K, V> to(
      String outputDir, String table, String schemaName, WindowRowColumns<K, V> columns) {
    return new WriteWindowRowTable<>(outputDir, table, schemaName, columns, ParquetTableWrite.DEFAULT_ROW_GROUP_MEGABYTES);
  }

  /** A copy with the given Parquet row group size. */
  public WriteWindowRowTable<K, V> withRowGroupMegabytes(int megabytes) {
    return new WriteWindowRowTable<>(outputDir, table, schemaName, columns, megabytes);
  }

  @Override
  public PDone expand(PCollection<WindowRow<K, V>> rows) {
    return rows.apply(
        "WriteParquet",
        ParquetTableWrite.of(table, schemaName, outputDir, withWindowColumns(columns))
            .partitionedBy(row -> WindowColumns.partitionOf(row.windowStartMillis()))
            .withRowGroupMegabytes(rowGroupMegabytes)
            .countingRowsAs(MetricNames.rowsWritten(table)));
  }

  /** The shared window and pane columns, then the table's own. */
  private static <K, V> RecordColumns<WindowRow<K, V>> withWindowColumns(WindowRowColumns<K, V> columns) {
    return (row, record) -> {
      WindowColumns.put(record, row.windowStartMillis(), row.windowEndMillis(), row.pane());
      columns.put(row, record);
    };
  }
}
