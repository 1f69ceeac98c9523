package io.funnelpulse.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.SessionRow;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.model.WindowRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PartitionFileWriter} writes the columns a table's schema marks {@code "parquetDictionary":
 * false} without a dictionary and the others with one, and the rows read back as written.
 */
class PartitionFileWriterTest {
  private static final int ROWS = 2_000;

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void columnsMarkedInTheSchemaAreWrittenWithoutADictionary() throws Exception {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    String schemaJson = TableSchemas.json(TableNames.SESSIONS);
    List<String> plainColumns = List.of("window_start", "window_end", "session_key", "user_id", "session_end");
    assertThat(TableSchemas.columnsWithoutDictionary(TableSchemas.of(TableNames.SESSIONS)),
        contains(plainColumns.toArray()));
    PartitionFileWriter<WindowRow<String, SessionRow>> writer = new PartitionFileWriter<>(
        dir.resolve(TableNames.SESSIONS).toString(), TableNames.SESSIONS, schemaJson,
        WriteWindowRowTable.withWindowColumns(WindowRowColumns.sessions()),
        ParquetTableWrite.DEFAULT_ROW_GROUP_MEGABYTES, false);
    writer.setup();
    List<WindowRow<String, SessionRow>> rows = new ArrayList<>();
    long day = 1_569_888_000_000L; // 2019-10-01T00:00:00Z
    // Few distinct values, so that a dictionary would be kept if one were tried: the marked columns
    // must come out plain all the same, the brand dictionary-encoded.
    for (int i = 0; i < ROWS; i++) {
      long start = day + (i % 10) * 17_000L;
      SessionRow session = new SessionRow("session-" + (i % 10), "user-" + (i % 10), start + 60_000L, 3, true, i % 2 == 0,
          i % 5 == 0, false, i % 5 == 0 ? 1 : 0, i % 5 == 0 ? 1999 : 0, false);
      rows.add(WindowRow.of(start, start + 1_860_001L, "brand-" + (i % 7), session,
          PaneFacts.of(PaneInfo.Timing.ON_TIME, 0, true)));
    }
    KV<String, Iterable<List<WindowRow<String, SessionRow>>>> partition = KV.of("2019-10-01", List.of(rows));
    String file = writer.write(partition, PaneInfo.NO_FIRING);

    Map<String, Set<Encoding>> encodings = new HashMap<>();
    long rowsRead = 0;
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file), new Configuration()))) {
      rowsRead = reader.getRecordCount();
      for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
        encodings.put(column.getPath().toDotString(), column.getEncodings());
      }
    }
    assertThat(rowsRead, is((long) ROWS));
    for (String plain : plainColumns) {
      assertThat(plain, encodings.get(plain), not(hasItem(Encoding.PLAIN_DICTIONARY)));
      assertThat(plain, encodings.get(plain), not(hasItem(Encoding.RLE_DICTIONARY)));
    }
    assertThat(encodings.get("brand"), hasItem(Encoding.PLAIN_DICTIONARY));
  }
}
