package io.funnelpulse.io;

import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
  /** Counter of funnel rows written. */

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
    return new WriteFunnelTable(outputDir, FunnelDimension.BRAND, 8);
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
    String table = dimension.tableName();
    String schemaJson = TableSchemas.json(table);
    return rows.apply("CountRows", ParDo.of(new CountRowsFn()))
        .setCoder(FunnelRowCoder.of())
        .apply(
            "WriteParquet",
            ParquetTableWrite.of(table, schemaJson, outputDir, FunnelRowRecords.converter(dimension, schemaJson))
                .partitionedBy(FunnelRowRecords::partitionOf)
                .withRowGroupMegabytes(rowGroupMegabytes));
  }

  /** Counts the rows on their way to the files. */
  static final class CountRowsFn extends DoFn<FunnelRow, FunnelRow> {
    private final Counter written = Metrics.counter(MetricNames.WRITE, MetricNames.FUNNEL_ROWS);

    @ProcessElement
    public void processElement(@Element FunnelRow row, OutputReceiver<FunnelRow> out) {
      written.inc();
      out.output(row);
    }
  }
}
