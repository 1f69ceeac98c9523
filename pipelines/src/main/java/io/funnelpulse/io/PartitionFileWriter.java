package io.funnelpulse.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes all elements of one partition (grouped as batches) to its Parquet file, for the write DoFns
 * ({@link WritePartitionFileFn}, and {@link WriteStablePartitionFileFn} where the runner honours stable
 * input): first to a hidden in-progress file beside
 * it, then renamed into place (atomic and replacing on local and Hadoop file systems), so a reader
 * never sees half a file and a rerun replaces the file instead of adding one. In a streaming write
 * ({@code perFiring}) each firing of a partition gets its own file, named by the firing's index.
 */
final class PartitionFileWriter<T> implements Serializable {
  private static final int BYTES_PER_MEGABYTE = 1 << 20;

  private final String tableDir;
  private final String table;
  private final String schemaJson;
  private final RecordColumns<T> columns;
  private final int rowGroupMegabytes;
  private final boolean perFiring;
  private transient Schema schema;
  private transient List<String> columnsWithoutDictionary;
  private transient Configuration hadoopConf;

  PartitionFileWriter(
      String tableDir,
      String table,
      String schemaJson,
      RecordColumns<T> columns,
      int rowGroupMegabytes,
      boolean perFiring) {
    this.tableDir = tableDir;
    this.table = table;
    this.schemaJson = schemaJson;
    this.columns = columns;
    this.rowGroupMegabytes = rowGroupMegabytes;
    this.perFiring = perFiring;
  }

  /** Prepares the writer once per instance, before its first write. */
  void setup() {
    schema = new Schema.Parser().parse(schemaJson);
    columnsWithoutDictionary = TableSchemas.columnsWithoutDictionary(schema);
    hadoopConf = new Configuration(false);
  }

  /** Writes {@code partition}'s rows, of the firing {@code pane}; returns the file written. */
  String write(KV<String, Iterable<List<T>>> partition, PaneInfo pane) throws IOException {
    String relative =
        perFiring
            ? PartitionFileNames.ofFiring(table, partition.getKey(), pane.getIndex())
            : PartitionFileNames.of(table, partition.getKey());
    ResourceId target = resolve(relative);
    ResourceId inProgress =
        target
            .getCurrentDirectory()
            .resolve(
                "." + target.getFilename() + ".inprogress",
                ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    AvroParquetWriter.Builder<GenericRecord> builder =
        AvroParquetWriter.<GenericRecord>builder(
                new ChannelOutputFile(FileSystems.create(inProgress, MimeTypes.BINARY)))
            .withSchema(schema)
            .withConf(hadoopConf)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize((long) rowGroupMegabytes * BYTES_PER_MEGABYTE);
    for (String column : columnsWithoutDictionary) {
      builder.withDictionaryEncoding(column, false);
    }
    try (ParquetWriter<GenericRecord> writer = builder.build()) {
      for (List<T> batch : partition.getValue()) {
        for (T element : batch) {
          GenericData.Record record = new GenericData.Record(schema);
          columns.put(element, record);
          writer.write(record);
        }
      }
    }
    FileSystems.rename(
        List.of(inProgress), List.of(target), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    return target.toString();
  }

  private ResourceId resolve(String relative) {
    ResourceId resource = FileSystems.matchNewResource(tableDir, true);
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length; i++) {
      resource =
          resource.resolve(
              parts[i],
              i == parts.length - 1
                  ? ResolveOptions.StandardResolveOptions.RESOLVE_FILE
                  : ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY);
    }
    return resource;
  }
}
