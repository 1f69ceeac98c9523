package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.deploy.RunCall;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of damaged input run as the job runs it, as a batch on the Direct and Spark runners and as
 * a watched-directory stream on Direct and on Spark streaming: a gzip file cut short and one with corrupt bytes, random bytes, a line of
 * 70 KB and a 3 MB file without a newline, NUL and invalid UTF-8, wrong column counts, prices that
 * overflow or are NaN/Infinity, impossible dates, a 300-character brand, empty and header-only files,
 * JSON of the wrong shape and types. Every run ends normally with read = valid + quarantined, every bad
 * record in the dead letters with the reason expected for it, and the valid rows' funnel equal to
 * DuckDB's over the good file.
 */
@Tag("slow")
class MalformedInputCorpusTest {
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final Instant DAY1 = Instant.parse("2019-10-01T00:00:00Z");
  private static final String[] TYPES = {"view", "view", "view", "cart", "purchase", "remove_from_cart"};
  private static final int GOOD_ROWS = 400;

  @TempDir Path dir;
  private int arrivals;

  private static String event(Instant day, int i) {
    return TIME.format(day.plusSeconds(20L * i)) + "," + TYPES[i % TYPES.length] + "," + (1000 + i % 37)
        + ",2053013555631882655,electronics.smartphone,brand" + (i % 5) + "," + (i % 90 + 1) + ".25,"
        + (500 + i % 50) + ",s-" + (i % 80);
  }

  private static String lines(Instant day, int count) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < count; i++) {
      s.append(event(day, i)).append('\n');
    }
    return s.toString();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** Writes the corpus into {@code target} in arrival order; returns the dead letters expected per file and reason. */
  private Map<String, Long> writeCorpus(Path target) throws Exception {
    Files.createDirectories(target);
    Map<String, Long> expected = new TreeMap<>();
    write(target, "a-good.csv", lines(DAY1, GOOD_ROWS).getBytes(StandardCharsets.UTF_8));

    String t = "2019-10-01 12:00:00 UTC";
    String tail = ",1,2,,brand,1.00,7,s";
    List<String[]> bad = List.of(
        new String[] {t + ",vi\u0000ew" + ",1,2,,brand,1.00,7,s", "unknown_event_type"},
        new String[] {t + ",view,1,2,,brand", "malformed_line"},
        new String[] {t + ",view,1,2,,brand,1.00,7,s,extra,columns", "malformed_line"},
        new String[] {t + ",view,1,2,,brand,1e400,7,s", "bad_price"},
        new String[] {t + ",view,1,2,,brand,NaN,7,s", "bad_price"},
        new String[] {t + ",view,1,2,,brand,Infinity,7,s", "bad_price"},
        new String[] {t + ",view,1,2,,brand,99999999999999999999.99,7,s", "bad_price"},
        new String[] {"2019-02-30 10:00:00 UTC,view" + tail, "bad_timestamp"},
        new String[] {"2019-13-01 10:00:00 UTC,view" + tail, "bad_timestamp"},
        new String[] {"9999999-01-01 10:00:00 UTC,view" + tail, "bad_timestamp"},
        new String[] {t + ",view,1,2,," + "b".repeat(300) + ",1.00,7,s", "field_too_long"},
        new String[] {t + ",view,1,2,,brand," + "7".repeat(70_000) + ",7,s", "line_too_long"});
    ByteArrayOutputStream badLines = new ByteArrayOutputStream();
    badLines.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    for (String[] line : bad) {
      badLines.write((line[0] + "\n").getBytes(StandardCharsets.UTF_8));
      expected.merge("b-bad-lines.csv " + line[1], 1L, Long::sum);
    }
    badLines.write(new byte[] {'2', '0', '1', '9', (byte) 0xFF, (byte) 0xFE, ',', 'v', '\n'});
    expected.merge("b-bad-lines.csv malformed_line", 1L, Long::sum);
    write(target, "b-bad-lines.csv", badLines.toByteArray());

    write(target, "c-wrong-shape.json", String.join("\n",
        "[1,2,3]",
        "\"just a string\"",
        "{\"event_time\": 12345, \"event_type\": \"view\", \"price\": 1}",
        "{\"event_time\": \"2019-10-01 12:00:00 UTC\", \"event_type\": \"view\", \"price\": \"abc\"}",
        "{\"event_time\": \"2019-10-01 12:00:00 UTC\", \"event_type\": [\"view\"], \"price\": 1}",
        "{\"event_time\": \"2019-10-01 12:00:00 UTC\"") .getBytes(StandardCharsets.UTF_8));
    expected.put("c-wrong-shape.json malformed_line", 3L);
    expected.put("c-wrong-shape.json bad_timestamp", 1L);
    expected.put("c-wrong-shape.json bad_price", 1L);
    expected.put("c-wrong-shape.json missing_event_type", 1L);

    write(target, "d-empty.csv", new byte[0]);
    write(target, "e-header-only.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    write(target, "f-no-newline.csv", "q".repeat(3 << 20).getBytes(StandardCharsets.UTF_8));
    expected.put("f-no-newline.csv line_too_long", 1L);

    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    for (int i = 0; i < random.length; i++) {
      if (random[i] == '\n' || random[i] == '\r') {
        random[i] = 'x';
      }
    }
    random[2048] = '\n';
    write(target, "g-random.csv", random);
    expected.put("g-random.csv malformed_line", 2L);

    byte[] whole = gzip(lines(DAY1.plusSeconds(86_400), 3000));
    write(target, "h-cut.csv.gz", java.util.Arrays.copyOf(whole, whole.length / 2));
    expected.put("h-cut.csv.gz unreadable_file", 1L);
    byte[] corrupt = gzip(lines(DAY1.plusSeconds(2 * 86_400), 3000));
    // A wrong checksum: every line decodes, and the damage shows only at the end of the member. (Bytes
    // damaged inside the compressed data decode to garbage lines first, quarantined or not by the rules
    // like any other line, before the checksum fails; gzip cannot tell sooner.)
    corrupt[corrupt.length - 8] = (byte) (corrupt[corrupt.length - 8] ^ 0x5A);
    write(target, "i-corrupt.csv.gz", corrupt);
    expected.put("i-corrupt.csv.gz unreadable_file", 1L);
    return expected;
  }

  private void write(Path target, String name, byte[] bytes) throws Exception {
    Path staged = Files.write(target.resolve("." + name + ".tmp"), bytes);
    Path file = Files.move(staged, target.resolve(name));
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++arrivals)));
  }

  @Test
  @Timeout(180)
  void aBatchOnTheDirectRunnerEndsNormallyWithEveryBadRecordInTheDeadLetters() throws Exception {
    Path input = dir.resolve("input");
    Map<String, Long> expected = writeCorpus(input);
    runAndCheck(expected, "--input=" + input + "/*", "--runner=DirectRunner");
  }

  @Test
  @Timeout(240)
  void aBatchOnSparkEndsNormallyWithEveryBadRecordInTheDeadLetters() throws Exception {
    Path input = dir.resolve("input");
    Map<String, Long> expected = writeCorpus(input);
    runAndCheck(expected, "--input=" + input + "/*", "--runner=SparkRunner", "--sparkMaster=local[2]");
  }

  @Test
  @Timeout(240)
  void aWatchedDirectoryStreamEndsNormallyWithEveryBadRecordInTheDeadLetters() throws Exception {
    Path landing = dir.resolve("landing");
    Map<String, Long> expected = writeCorpus(landing);
    write(landing, WatchedDirectorySource.END_MARKER, new byte[0]);
    runAndCheck(expected, "--source=WATCH", "--input=" + landing, "--runner=DirectRunner");
  }

  @Test
  @Timeout(300)
  void aWatchedDirectoryStreamOnSparkStreamingEndsNormallyWithEveryBadRecordInTheDeadLetters() throws Exception {
    Path landing = dir.resolve("landing");
    Map<String, Long> expected = writeCorpus(landing);
    write(landing, WatchedDirectorySource.END_MARKER, new byte[0]);
    runAndCheck(expected, "--source=WATCH", "--input=" + landing, "--runner=SparkRunner",
        "--sparkMaster=local[2]", "--streaming=true", "--batchIntervalMillis=1000",
        "--checkpointDir=" + dir.resolve("checkpoint"));
  }

  private void runAndCheck(Map<String, Long> expected, String... args) throws Exception {
    Path output = dir.resolve("out");
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--output=" + output);
    all.addAll(WithoutSessionTables.ARGS);
    RunCall run = RunCall.of(all.toArray(new String[0]));
    assertThat(run.errors() + run.printed(), run.code(), is(0));

    JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    long read = summary.get("records_read").asLong();
    long valid = summary.get("valid").asLong();
    long quarantined = summary.get("quarantined").asLong();
    assertThat(read, is(valid + quarantined));
    // The good file, and what the damaged gzip files held before the damage.
    assertThat(valid, greaterThan((long) GOOD_ROWS + 100));

    Map<String, Long> deadLetters = new TreeMap<>();
    for (List<String> row : DuckDb.query("SELECT regexp_extract(source, '[^/]+$'), reason, count(*) FROM "
        + "read_parquet('" + output + "/dead_letter/**/*.parquet') GROUP BY 1, 2")) {
      deadLetters.put(row.get(0) + " " + row.get(1), Long.parseLong(row.get(2)));
    }
    assertThat(deadLetters, is(expected));
    assertThat(quarantined, is(expected.values().stream().mapToLong(Long::longValue).sum()));

    long day2 = DAY1.plusSeconds(86_400).toEpochMilli();
    List<List<String>> differences = new ArrayList<>();
    for (List<String> row : DuckDb.differences(dir.resolve("input").toFile().exists()
        ? dir.resolve("input") + "/a-good.csv" : dir.resolve("landing") + "/a-good.csv", output.toString())) {
      if (Long.parseLong(row.get(1)) < day2) {
        differences.add(row);
      }
    }
    assertThat(differences, is(empty()));
  }
}
