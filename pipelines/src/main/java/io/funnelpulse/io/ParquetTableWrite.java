package io.funnelpulse.io;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.joda.time.Duration;

/**
 * Writes Avro records of one table as Parquet files under {@code <output>/<table>/<partition>/}, one
 * file per partition with a deterministic name ({@code <table>-<partition value>.parquet}), so running the
 * same job again replaces files instead of adding copies. Records carry their own window and pane facts,
 * so the write re-windows into the global window and fires once.
 *
 * <pre>{@code
 * records.apply("WriteFunnelParquet",
 *     ParquetTableWrite.of("funnel_hourly_brand", schemaJson, outputDir).partitionedBy(r -> "window_date=..."));
 * }</pre>
 */
public final class ParquetTableWrite extends PTransform<PCollection<GenericRecord>, PDone> {
  private static final int BYTES_PER_MEGABYTE = 1 << 20;

  private final String table;
  private final String schemaJson;
  private final String outputDir;
  private final SerializableFunction<GenericRecord, String> partition;
  private final int rowGroupMegabytes;

  private ParquetTableWrite(
      String table,
      String schemaJson,
      String outputDir,
      SerializableFunction<GenericRecord, String> partition,
      int rowGroupMegabytes) {
    this.table = Objects.requireNonNull(table, "table");
    this.schemaJson = Objects.requireNonNull(schemaJson, "schemaJson");
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    this.partition = Objects.requireNonNull(partition, "partition");
    this.rowGroupMegabytes = rowGroupMegabytes;
  }

  /** An unpartitioned write of {@code table} under {@code outputDir}. */
  public static ParquetTableWrite of(String table, String schemaJson, String outputDir) {
    return new ParquetTableWrite(table, schemaJson, outputDir, record -> "", 8);
  }

  /** A copy partitioned by a directory name such as {@code window_date=2019-10-01}. */
  public ParquetTableWrite partitionedBy(SerializableFunction<GenericRecord, String> partitionFn) {
    return new ParquetTableWrite(table, schemaJson, outputDir, partitionFn, rowGroupMegabytes);
  }

  /** A copy with the given Parquet row group size per open writer. */
  public ParquetTableWrite withRowGroupMegabytes(int megabytes) {
    return new ParquetTableWrite(table, schemaJson, outputDir, partition, megabytes);
  }

  @Override
  public PDone expand(PCollection<GenericRecord> records) {
    Schema schema = new Schema.Parser().parse(schemaJson);
    String tableName = table;
    records
        .apply(
            "GlobalWindowOnce",
            Window.<GenericRecord>into(new GlobalWindows())
                .triggering(DefaultTrigger.of())
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply(
            "WriteParquetFiles",
            FileIO.<String, GenericRecord>writeDynamic()
                .by(partition)
                .withDestinationCoder(StringUtf8Coder.of())
                .via(
                    ParquetIO.sink(schema)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withRowGroupSize(rowGroupMegabytes * BYTES_PER_MEGABYTE))
                .to(outputDir + "/" + table)
                .withNaming(dir -> new PartitionFileNaming(tableName, dir))
                .withNumShards(1));
    return PDone.in(records.getPipeline());
  }
}
