package io.funnelpulse.verify;

import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The records a stream leaves out of its windows by design, as the job reported them in its dead
 * letters: {@code too_late} (past the allowed lateness) and {@code future_event_time} (a jump the data
 * did not confirm). The reference leaves out the same records, by file and line, so {@code verify}
 * passes on a correct stream that had them: the input files that hold such records are read through
 * copies without those lines, the others as they are.
 */
final class StreamLeftOut {
  /** The reasons only a stream gives, for records that are valid in themselves. */
  static final List<String> REASONS =
      List.of(FailureReason.TOO_LATE.code(), FailureReason.FUTURE_EVENT_TIME.code());

  private final VerifyOptions options;
  private final Map<String, Long> byReason;

  private StreamLeftOut(VerifyOptions options, Map<String, Long> byReason) {
    this.options = options;
    this.byReason = byReason;
  }

  /**
   * The options to verify with: the same ones if the output's dead letters hold no stream-only record
   * of the input's files, else ones whose input is the list of files with such lines left out, copied
   * under {@code scratch}.
   */
  static StreamLeftOut apply(DuckDbSession db, VerifyOptions options, Path scratch)
      throws SQLException, IOException {
    Path deadLetters = Paths.get(options.output(), TableNames.DEAD_LETTER);
    if (!Files.isDirectory(deadLetters) || options.input().startsWith("[")) {
      return new StreamLeftOut(options, Map.of());
    }
    Map<Path, Set<Long>> lines = new HashMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    for (List<Object> row : db.query("SELECT source, position, reason FROM read_parquet('" + deadLetters
        + "/**/*.parquet') WHERE reason IN ('" + String.join("', '", REASONS) + "')")) {
      Path file = Paths.get(row.get(0).toString()).toAbsolutePath().normalize();
      lines.computeIfAbsent(file, f -> new HashSet<>()).add(((Number) row.get(1)).longValue());
      byReason.merge(row.get(2).toString(), 1L, Long::sum);
    }
    if (lines.isEmpty()) {
      return new StreamLeftOut(options, Map.of());
    }
    List<String> files = new ArrayList<>();
    int copies = 0;
    for (List<Object> row : db.query("SELECT file FROM glob('" + options.input().replace("'", "''") + "') ORDER BY 1")) {
      Path file = Paths.get(row.get(0).toString()).toAbsolutePath().normalize();
      Set<Long> leftOut = lines.get(file);
      if (leftOut == null) {
        files.add(file.toString());
      } else {
        Path copy = scratch.resolve(copies++ + "-" + file.getFileName());
        copyWithout(file, leftOut, copy);
        files.add(copy.toString());
      }
    }
    return new StreamLeftOut(options.withInput(FunnelSql.fileList(files)), byReason);
  }

  /** Copies {@code file} without the 1-based line numbers in {@code leftOut} (gzip stays gzip). */
  private static void copyWithout(Path file, Set<Long> leftOut, Path copy) throws IOException {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    try (InputStream rawIn = Files.newInputStream(file);
        BufferedReader in = new BufferedReader(new InputStreamReader(
            gzip ? new GZIPInputStream(rawIn) : rawIn, StandardCharsets.UTF_8));
        OutputStream rawOut = Files.newOutputStream(copy);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
            gzip ? new GZIPOutputStream(rawOut) : rawOut, StandardCharsets.UTF_8))) {
      long lineNumber = 0;
      String line;
      while ((line = in.readLine()) != null) {
        if (!leftOut.contains(++lineNumber)) {
          out.write(line);
          out.write('\n');
        }
      }
    }
  }

  /** The options to verify with. */
  VerifyOptions options() {
    return options;
  }

  /** What was left out, as a report line: none if nothing was. */
  List<CheckResult> results() {
    long total = byReason.values().stream().mapToLong(Long::longValue).sum();
    return total == 0
        ? List.of()
        : List.of(CheckResult.pass("stream_left_out",
            total + " record(s) left out of the reference as the stream left them out " + byReason));
  }
}
