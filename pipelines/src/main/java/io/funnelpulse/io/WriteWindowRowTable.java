package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.WindowRow;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
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
  private final SerializableFunction<WindowRow<K, V>, String> shardKey;
  private final int shards;

  private WriteWindowRowTable(
      String outputDir, String table, String schemaName, WindowRowColumns<K, V> columns, int rowGroupMegabytes,
      SerializableFunction<WindowRow<K, V>, String> shardKey, int shards) {
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    this.table = Objects.requireNonNull(table, "table");
    this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.rowGroupMegabytes = rowGroupMegabytes;
    this.shardKey = shardKey;
    this.shards = shards;
  }

  /**
   * A copy spreading each partition's rows over {@code count} files by the text hash of {@code key}:
   * for a table of many rows that come from a grouping by many keys (the Direct runner copies a
   * grouped bag for every bundle added to it, and such a grouping emits a bundle per key).
   */
  public WriteWindowRowTable<K, V> shardedBy(SerializableFunction<WindowRow<K, V>, String> key, int count) {
    return new WriteWindowRowTable<>(outputDir, table, schemaName, columns, rowGroupMegabytes, key, count);
  }

  /** Writes {@code table} under {@code outputDir} in the layout of schema {@code schemaName}. */
  public static <K, V> WriteWindowRowTable<K, V> to(
      String outputDir, String table, String schemaName, WindowRowColumns<K, V> columns) {
    return new WriteWindowRowTable<>(
        outputDir, table, schemaName, columns, ParquetTableWrite.DEFAULT_ROW_GROUP_MEGABYTES, null, 1);
  }

  /** A copy with the given Parquet row group size. */
  public WriteWindowRowTable<K, V> withRowGroupMegabytes(int megabytes) {
    return new WriteWindowRowTable<>(outputDir, table, schemaName, columns, megabytes, shardKey, shards);
  }

  @Override
  public PDone expand(PCollection<WindowRow<K, V>> rows) {
    return rows.apply(
        "WriteParquet",
        ParquetTableWrite.of(table, schemaName, outputDir, withWindowColumns(columns))
            .partitionedBy(partitionOf(shardKey, shards))
            .withRowGroupMegabytes(rowGroupMegabytes)
            .countingRowsAs(MetricNames.rowsWritten(table)));
  }

  private static <K, V> SerializableFunction<WindowRow<K, V>, String> partitionOf(
      SerializableFunction<WindowRow<K, V>, String> shardKey, int shards) {
    if (shardKey == null) {
      return row -> WindowColumns.partitionOf(row.windowStartMillis());
    }
    return row -> PartitionFileNames.sharded(WindowColumns.partitionOf(row.windowStartMillis()),
        Math.floorMod(String.valueOf(shardKey.apply(row)).hashCode(), shards), shards);
  }

  /** The shared window and pane columns, then the table's own. */
  static <K, V> RecordColumns<WindowRow<K, V>> withWindowColumns(WindowRowColumns<K, V> columns) {
    return (row, record) -> {
      WindowColumns.put(record, row.windowStartMillis(), row.windowEndMillis(), row.pane());
      columns.put(row, record);
    };
  }
}
