package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.joda.time.Duration;

/**
 * Writes the elements of one table as Parquet files under {@code <output>/<table>/<partition>/}, one
 * file per partition with a deterministic name ({@code <table>-<partition value>-00000-of-00001.parquet}),
 * so running the same job again replaces files instead of adding copies. Elements are grouped by
 * partition in their own compact coder (a bundle's rows of a partition travel as one list) and converted to Avro records of the table's schema as they
 * are written; each file appears by an atomic rename. They carry their own window and pane facts, so
 * the write re-windows into the global window: a bounded write fires once; a streaming write fires
 * {@link #STREAMING_FLUSH_DELAY} after the first row of each flush and discards what it wrote, so no
 * file repeats another's rows.
 *
 * <pre>{@code
 * rows.apply("WriteParquet", ParquetTableWrite.of("pageviews_hourly", "/out", WindowRowColumns.pageViews())
 *     .partitionedBy(row -> WindowColumns.partitionOf(row.windowStartMillis()))
 *     .countingRowsAs(MetricNames.rowsWritten("pageviews_hourly")));
 * }</pre>
 */
public final class ParquetTableWrite<T> extends PTransform<PCollection<T>, PDone> {
  /** In a stream, rows that arrived within this processing time go into one file per partition. */
  public static final Duration STREAMING_FLUSH_DELAY = Duration.standardSeconds(2);

  /** Parquet row group size per open writer unless set, MiB (also the default of the job's option). */
  public static final int DEFAULT_ROW_GROUP_MEGABYTES = 8;

  private final String table;
  private final String schemaJson;
  private final String outputDir;
  private final RecordColumns<T> columns;
  private final SerializableFunction<T, String> partition;
  private final int rowGroupMegabytes;
  private final String rowCounter;

  private ParquetTableWrite(
      String table,
      String schemaJson,
      String outputDir,
      RecordColumns<T> columns,
      SerializableFunction<T, String> partition,
      int rowGroupMegabytes,
      String rowCounter) {
    this.table = Objects.requireNonNull(table, "table");
    this.schemaJson = Objects.requireNonNull(schemaJson, "schemaJson");
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.partition = Objects.requireNonNull(partition, "partition");
    this.rowGroupMegabytes = rowGroupMegabytes;
    this.rowCounter = rowCounter;
  }

  /**
   * An unpartitioned, uncounted write of {@code table} (its schema from {@link TableSchemas}) under
   * {@code outputDir}, each element filling its record through {@code columns}.
   */
  public static <T> ParquetTableWrite<T> of(String table, String outputDir, RecordColumns<T> columns) {
    return of(table, table, outputDir, columns);
  }

  /** As {@link #of(String, String, RecordColumns)}, in the layout of the schema named {@code schemaName}. */
  public static <T> ParquetTableWrite<T> of(
      String table, String schemaName, String outputDir, RecordColumns<T> columns) {
    return new ParquetTableWrite<>(
        table, TableSchemas.json(schemaName), outputDir, columns, element -> "", DEFAULT_ROW_GROUP_MEGABYTES, null);
  }

  /** A copy partitioned by a directory name such as {@code window_date=2019-10-01}. */
  public ParquetTableWrite<T> partitionedBy(SerializableFunction<T, String> partitionFn) {
    return new ParquetTableWrite<>(table, schemaJson, outputDir, columns, partitionFn, rowGroupMegabytes, rowCounter);
  }

  /** A copy with the given Parquet row group size per open writer. */
  public ParquetTableWrite<T> withRowGroupMegabytes(int megabytes) {
    return new ParquetTableWrite<>(table, schemaJson, outputDir, columns, partition, megabytes, rowCounter);
  }

  /** A copy counting the rows it writes in counter {@code name} of {@link MetricNames#WRITE}. */
  public ParquetTableWrite<T> countingRowsAs(String name) {
    return new ParquetTableWrite<>(table, schemaJson, outputDir, columns, partition, rowGroupMegabytes, name);
  }

  @Override
  public PDone expand(PCollection<T> elements) {
    boolean streaming = RunnerWorkarounds.writesPerFlush(elements);
    Trigger trigger =
        streaming
            ? Repeatedly.forever(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(STREAMING_FLUSH_DELAY))
            : DefaultTrigger.of();
    elements
        .apply(
            streaming ? "GlobalWindowPerFlush" : "GlobalWindowOnce",
            Window.<T>into(new GlobalWindows())
                .triggering(trigger)
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply("BatchPerPartition", ParDo.of(new BatchPerPartitionFn<>(partition, rowCounter)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(elements.getCoder())))
        .apply("GroupByPartition", GroupByKey.create())
        .apply("WritePartitionFiles", ParDo.of(writeFn(elements, streaming)));
    return PDone.in(elements.getPipeline());
  }

  private DoFn<KV<String, Iterable<List<T>>>, String> writeFn(PCollection<T> elements, boolean streaming) {
    PartitionFileWriter<T> writer =
        new PartitionFileWriter<>(outputDir + "/" + table, table, schemaJson, columns, rowGroupMegabytes, streaming);
    return RunnerWorkarounds.honoursStableInput(elements.getPipeline().getOptions())
        ? new WriteStablePartitionFileFn<>(writer)
        : new WritePartitionFileFn<>(writer);
  }
}
