package io.funnelpulse.io;

import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes funnel rows as the Parquet table of their dimension ({@code funnel_hourly_brand} by default),
 * partitioned by {@code window_date}, and counts them.
 *
 * <pre>{@code
 * rows.apply("WriteFunnel", WriteFunnelTable.to("/out").forDimension(FunnelDimension.BRAND));
 * }</pre>
 */
public final class WriteFunnelTable extends PTransform<PCollection<FunnelRow>, PDone> {
  private final String outputDir;
  private final FunnelDimension dimension;
  private final int rowGroupMegabytes;
  private final String table;

  private WriteFunnelTable(String outputDir, FunnelDimension dimension, int rowGroupMegabytes, String table) {
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    this.dimension = Objects.requireNonNull(dimension, "dimension");
    this.rowGroupMegabytes = rowGroupMegabytes;
    this.table = table;
  }

  /** Writes the brand funnel under {@code outputDir}. */
  public static WriteFunnelTable to(String outputDir) {
    return new WriteFunnelTable(outputDir, FunnelDimension.BRAND, ParquetTableWrite.DEFAULT_ROW_GROUP_MEGABYTES, null);
  }

  /** A copy writing the table of {@code dimension}. */
  public WriteFunnelTable forDimension(FunnelDimension value) {
    return new WriteFunnelTable(outputDir, value, rowGroupMegabytes, table);
  }

  /** A copy writing funnel rows of the same layout to {@code tableName} (its schema of that name). */
  public WriteFunnelTable named(String tableName) {
    return new WriteFunnelTable(outputDir, dimension, rowGroupMegabytes, Objects.requireNonNull(tableName, "tableName"));
  }

  /** A copy with the given Parquet row group size. */
  public WriteFunnelTable withRowGroupMegabytes(int megabytes) {
    return new WriteFunnelTable(outputDir, dimension, megabytes, table);
  }

  @Override
  public PDone expand(PCollection<FunnelRow> rows) {
    return rows.apply(
        "WriteParquet",
        ParquetTableWrite.of(table == null ? dimension.tableName() : table, outputDir, FunnelRowColumns.of(dimension))
            .partitionedBy(row -> WindowColumns.partitionOf(row.windowStartMillis()))
            .withRowGroupMegabytes(rowGroupMegabytes)
            .countingRowsAs(table == null ? MetricNames.FUNNEL_ROWS : MetricNames.rowsWritten(table)));
  }
}
