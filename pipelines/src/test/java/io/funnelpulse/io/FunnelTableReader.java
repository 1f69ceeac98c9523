package io.funnelpulse.io;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * For tests: reads a written funnel table back from its Parquet files with parquet-avro, either every
 * pane or the final view (the latest pane per window and key), independently of the shipped
 * {@code src/sql/final_view.sql} that the job itself uses.
 */
public final class FunnelTableReader {
  private static final long MICROS_PER_MILLI = 1000L;

  private final Path tableDir;
  private final FunnelDimension dimension;

  private FunnelTableReader(Path tableDir, FunnelDimension dimension) {
    this.tableDir = tableDir;
    this.dimension = dimension;
  }

  /** A reader of the table of {@code dimension} under {@code outputDir}. */
  public static FunnelTableReader of(Path outputDir, FunnelDimension dimension) {
    return new FunnelTableReader(outputDir.resolve(dimension.tableName()), dimension);
  }

  /** The table's directory. */
  public Path tableDir() {
    return tableDir;
  }

  /** Every row of every pane, in file order. */
  public List<FunnelRow> allPanes() {
    List<FunnelRow> rows = new ArrayList<>();
    for (Path file : parquetFiles()) {
      readFile(file, rows);
    }
    return rows;
  }

  /** The latest pane per (window, key), sorted by window start then key (missing key first). */
  public List<FunnelRow> finalView() {
    Map<List<Object>, FunnelRow> latest = new LinkedHashMap<>();
    for (FunnelRow row : allPanes()) {
      List<Object> key = new ArrayList<>(2);
      key.add(row.windowStartMillis());
      key.add(row.key());
      FunnelRow seen = latest.get(key);
      if (seen == null || seen.pane().index() < row.pane().index()) {
        latest.put(key, row);
      }
    }
    return latest.values().stream()
        .sorted(
            Comparator.comparingLong(FunnelRow::windowStartMillis)
                .thenComparing(FunnelRow::key, Comparator.nullsFirst(Comparator.naturalOrder())))
        .collect(Collectors.toList());
  }

  private List<Path> parquetFiles() {
    if (!Files.isDirectory(tableDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(tableDir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .filter(f -> !f.toString().contains("/.temp"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readFile(Path file, List<FunnelRow> rows) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(path, new Configuration()))
            .build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        rows.add(toRow(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private FunnelRow toRow(GenericRecord r) {
    String key = null;
    if (dimension.column() != null) {
      Object value = r.get(dimension.column());
      key = value == null ? null : value.toString();
    }
    FunnelCounts counts =
        FunnelCounts.of(
            (Long) r.get("views"),
            (Long) r.get("carts"),
            (Long) r.get("removes"),
            (Long) r.get("purchases"),
            revenueCents(r.get("revenue")));
    PaneFacts pane =
        PaneFacts.of(
            Objects.toString(r.get("pane_timing")),
            (Long) r.get("pane_index"),
            (Boolean) r.get("is_final"));
    return FunnelRow.of(
        epochMillis(r.get("window_start")),
        epochMillis(r.get("window_end")),
        key,
        counts,
        pane);
  }

  private static long revenueCents(Object value) {
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).movePointRight(2).longValueExact();
    }
    ByteBuffer bytes = ((ByteBuffer) value).duplicate();
    byte[] unscaled = new byte[bytes.remaining()];
    bytes.get(unscaled);
    return new BigInteger(unscaled).longValueExact();
  }

  private static long epochMillis(Object value) {
    if (value instanceof java.time.Instant) {
      return ((java.time.Instant) value).toEpochMilli();
    }
    return (Long) value / MICROS_PER_MILLI;
  }
}
