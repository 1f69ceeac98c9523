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

  private WriteFunnelTable(String outputDir, FunnelDimension dimension, int rowGroupMegabytes) {
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    this.dimension = Objects.requireNonNull(dimension, "dimension");
    this.rowGroupMegabytes = rowGroupMegabytes;
  }

  /** Writes the brand funnel under {@code outputDir}. */
  public static WriteFunnelTable to(String outputDir) {
    return new WriteFunnelTable(outputDir, FunnelDimension.BRAND, ParquetTableWrite.DEFAULT_ROW_GROUP_MEGABYTES);
  }

  /** A copy writing the table of {@code dimension}. */
  public WriteFunnelTable forDimension(FunnelDimension value) {
    return new WriteFunnelTable(outputDir, value, rowGroupMegabytes);
  }

  /** A copy with the given Parquet row group size. */
  public WriteFunnelTable withRowGroupMegabytes(int megabytes) {
    return new WriteFunnelTable(outputDir, dimension, megabytes);
  }

  @Override
  public PDone expand(PCollection<FunnelRow> rows) {
    return rows.apply(
        "WriteParquet",
        ParquetTableWrite.of(dimension.tableName(), outputDir, FunnelRowColumns.of(dimension))
            .partitionedBy(row -> WindowColumns.partitionOf(row.windowStartMillis()))
            .withRowGroupMegabytes(rowGroupMegabytes)
            .countingRowsAs(MetricNames.FUNNEL_ROWS));
  }
}
