package io.funnelpulse.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.MetricValues;
import io.funnelpulse.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadEventFiles} over the file shapes found in practice: CSV with a header and CRLF line ends,
 * gzip, JSON lines without a header, blank lines, invalid UTF-8. Each line becomes exactly one
 * {@link RawRecord} with its file and 1-based line number; nothing fails silently.
 */
class ReadEventFilesTest {
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
  private static final String CSV_1 =
      "2019-10-01 00:00:00 UTC,cart,5773203,1487580005134238553,,runail,2.62,463240011,26dd6e6e";
  private static final String CSV_2 =
      "2019-10-01 00:00:03 UTC,view,5881589,2151191071051219817,,lovely,13.48,429681830,49e8d843";
  private static final String CSV_3 =
      "2019-10-01 00:00:07 UTC,purchase,5723490,1487580005134238553,,,0.79,463240011,26dd6e6e";
  private static final String JSON_1 =
      "{\"event_time\":\"2019-10-01T00:00:00Z\",\"event_type\":\"view\",\"price\":2.62}";
  private static final String JSON_2 =
      "{\"event_time\":\"2019-10-01 00:01:00 UTC\",\"event_type\":\"cart\",\"price\":\"2.62\"}";

  @TempDir Path dir;

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(utf8(text));
    }
    return bytes.toByteArray();
  }

  private String source(String fileName) {
    return dir.resolve(fileName).toAbsolutePath().toString();
  }

  private static long counter(PipelineResult result, String name) {
    return MetricValues.counterTotal(result, MetricNames.READ, name);
  }

  @Test
  @Timeout(120)
  void everyLineOfEveryFileShapeBecomesOneRecordWithItsFileAndLineNumber() throws Exception {
    // Plain CSV, header, CRLF line ends (also after the last line).
    write(dir.resolve("crlf.csv"), utf8(HEADER + "\r\n" + CSV_1 + "\r\n" + CSV_2 + "\r\n"));
    // Gzipped CSV with header, LF, no newline after the last line.
    write(dir.resolve("month.csv.gz"), gzip(HEADER + "\n" + CSV_2 + "\n" + CSV_3));
    // JSON lines: no header, so the data starts on line 1.
    write(dir.resolve("events.jsonl"), utf8(JSON_1 + "\n" + JSON_2 + "\n"));
    // A blank line in the middle and a line with bytes that are not UTF-8 (0xFF, 0xFE; 0xC3 cut short).
    ByteArrayOutputStream odd = new ByteArrayOutputStream();
    odd.write(utf8(HEADER + "\n" + CSV_1 + "\n\n"));
    odd.write(utf8("2019-10-01 00:00:09 UTC,view,1,2,,br"));
    odd.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    odd.write(utf8("nd,1.00,3,s\n"));
    odd.write(new byte[] {'x', (byte) 0xC3, ',', 'y', '\n'});
    odd.write(utf8(CSV_3 + "\n"));
    write(dir.resolve("odd.csv"), odd.toByteArray());

    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> records = p.apply("ReadEvents", ReadEventFiles.from(dir + "/*"));

    List<RawRecord> expected = new ArrayList<>();
    expected.add(RawRecord.of(CSV_1, source("crlf.csv"), 2));
    expected.add(RawRecord.of(CSV_2, source("crlf.csv"), 3));
    expected.add(RawRecord.of(CSV_2, source("month.csv.gz"), 2));
    expected.add(RawRecord.of(CSV_3, source("month.csv.gz"), 3));
    expected.add(RawRecord.of(JSON_1, source("events.jsonl"), 1));
    expected.add(RawRecord.of(JSON_2, source("events.jsonl"), 2));
    expected.add(RawRecord.of(CSV_1, source("odd.csv"), 2));
    expected.add(RawRecord.of("", source("odd.csv"), 3));
    expected.add(
        RawRecord.of("2019-10-01 00:00:09 UTC,view,1,2,,br\uFFFD\uFFFDnd,1.00,3,s", source("odd.csv"), 4));
    expected.add(RawRecord.of("x\uFFFD,y", source("odd.csv"), 5));
    expected.add(RawRecord.of(CSV_3, source("odd.csv"), 6));
    PAssert.that(records).containsInAnyOrder(expected);

    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, MetricNames.RECORDS_READ), is((long) expected.size()));
    assertThat(counter(result, MetricNames.FILES_READ), is(4L));
    assertThat(counter(result, MetricNames.HEADER_LINES_SKIPPED), is(3L));
  }

  @Test
  @Timeout(120)
  void onlyAFirstLineStartingWithEventTimeIsAHeader() throws Exception {
    // The header text again on line 3 is data (it will be quarantined downstream, not dropped here);
    // a header-only file and an empty file give no records.
    write(dir.resolve("a.csv"), utf8(CSV_1 + "\n" + CSV_2 + "\n" + HEADER + "\n"));
    write(dir.resolve("header-only.csv"), utf8(HEADER + "\n"));
    write(dir.resolve("empty.csv"), new byte[0]);
    write(dir.resolve("ignored.txt"), utf8("not matched by the glob\n"));

    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> records = p.apply("ReadEvents", ReadEventFiles.from(dir + "/*.csv"));
    PAssert.that(records)
        .containsInAnyOrder(
            RawRecord.of(CSV_1, source("a.csv"), 1),
            RawRecord.of(CSV_2, source("a.csv"), 2),
            RawRecord.of(HEADER, source("a.csv"), 3));

    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, MetricNames.RECORDS_READ), is(3L));
    assertThat(counter(result, MetricNames.FILES_READ), is(3L));
    assertThat(counter(result, MetricNames.HEADER_LINES_SKIPPED), is(1L));
  }

  @Test
  @Timeout(120)
  void aGlobMatchingNothingFailsAsThePipelineIsBuilt() {
    String glob = dir.resolve("nothing-here") + "/*.csv";
    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> p.apply("ReadEvents", ReadEventFiles.from(glob)));
    assertThat(messages(failure), containsString("No files matched"));
    assertThat(messages(failure), containsString("nothing-here"));
  }

  @Test
  void theFilePatternIsRequired() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> ReadEventFiles.from(null));
    assertThat(e.getMessage(), equalTo("filepattern"));
  }

  /** The messages of a throwable and all its causes, one per line. */
  private static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return all.toString();
  }
}
