package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.WindowRow;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
    return new WriteWindowRowTable<>(outputDir, table, schemaName, columns, 8);
  }

  /** A copy with the given Parquet row group size. */
  public WriteWindowRowTable<K, V> withRowGroupMegabytes(int megabytes) {
    return new WriteWindowRowTable<>(outputDir, table, schemaName, columns, megabytes);
  }

  @Override
  public PDone expand(PCollection<WindowRow<K, V>> rows) {
    String schemaJson = TableSchemas.json(schemaName);
    return rows.apply("CountRows", ParDo.of(new CountRowsFn<K, V>(MetricNames.rowsWritten(table))))
        .setCoder(rows.getCoder())
        .apply(
            "WriteParquet",
            ParquetTableWrite.of(table, schemaJson, outputDir, new ToRecord<>(schemaJson, columns))
                .partitionedBy(row -> WindowColumns.partitionOf(row.windowStartMillis()))
                .withRowGroupMegabytes(rowGroupMegabytes));
  }

  /** Counts the rows on their way to the files. */
  static final class CountRowsFn<K, V> extends DoFn<WindowRow<K, V>, WindowRow<K, V>> {
    private final Counter written;

    CountRowsFn(String counter) {
      this.written = Metrics.counter(MetricNames.WRITE, counter);
    }

    @ProcessElement
    public void processElement(@Element WindowRow<K, V> row, OutputReceiver<WindowRow<K, V>> out) {
      written.inc();
      out.output(row);
    }
  }

  /** Converts a row to a record of the table's schema; parses the schema once per instance. */
  private static final class ToRecord<K, V> implements SerializableFunction<WindowRow<K, V>, GenericRecord> {
    private static final long serialVersionUID = 1L;
    private final String schemaJson;
    private final WindowRowColumns<K, V> columns;
    private transient Schema schema;

    ToRecord(String schemaJson, WindowRowColumns<K, V> columns) {
      this.schemaJson = schemaJson;
      this.columns = columns;
    }

    @Override
    public GenericRecord apply(WindowRow<K, V> row) {
      if (schema == null) {
        schema = new Schema.Parser().parse(schemaJson);
      }
      GenericData.Record record = new GenericData.Record(schema);
      WindowColumns.put(record, row.windowStartMillis(), row.windowEndMillis(), row.pane());
      columns.put(row, record);
      return record;
    }
  }
}
