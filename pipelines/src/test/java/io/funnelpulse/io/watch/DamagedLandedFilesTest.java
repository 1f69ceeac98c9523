package io.funnelpulse.io.watch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files landed in a watched directory: a gzip file cut short gives its records up to the cut
 * and one {@code unreadable_file} record, then the stream reads the next file; a reader restored from a
 * checkpoint taken inside the damaged file reports it once more and goes on, and one restored after it
 * does not read it again. A line over the limit becomes one {@code line_too_long} record. Nothing
 * throws.
 */
@Timeout(60)
class DamagedLandedFilesTest {
  @TempDir Path dir;
  private int arrivals;

  private static String event(int i) {
    return String.format("2019-10-01 10:%02d:%02d UTC,view,%d,2053013555631882655,,b,7.77,568847318,s-%d",
        (i / 60) % 60, i % 60, 1000 + i, i);
  }

  private void land(String name, byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve(name), bytes);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++arrivals)));
  }

  private static byte[] truncatedGzip(int lines) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < lines; i++) {
        gz.write((event(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = bytes.toByteArray();
    return java.util.Arrays.copyOf(whole, whole.length / 2);
  }

  private UnboundedReader<RawRecord> reader(DirectoryCheckpoint mark) {
    return WatchedDirectorySource.of(dir.toString(), Duration.standardMinutes(10))
        .withPollInterval(Duration.ZERO)
        .withMaxLineBytes(4096)
        .createReader(PipelineOptionsFactory.create(), mark);
  }

  private static List<RawRecord> drain(UnboundedReader<RawRecord> reader, boolean started, int atMost)
      throws Exception {
    List<RawRecord> records = new ArrayList<>();
    boolean available = started ? reader.advance() : reader.start();
    while (available && records.size() < atMost) {
      records.add(reader.getCurrent());
      if (records.size() < atMost) {
        available = reader.advance();
      }
    }
    return records;
  }

  private static long count(List<RawRecord> records, FailureReason reason) {
    return records.stream().filter(r -> r.rejectedAs() == reason).count();
  }

  @Test
  void aTruncatedGzipIsReportedOnceAndTheStreamReadsOn() throws Exception {
    land("a-cut.csv.gz", truncatedGzip(20_000));
    land("b-good.csv", (event(1) + "\n" + "y".repeat(5000) + "\n" + event(2) + "\n").getBytes(StandardCharsets.UTF_8));

    List<RawRecord> records = drain(reader(null), false, Integer.MAX_VALUE);

    assertThat(count(records, FailureReason.UNREADABLE_FILE), is(1L));
    assertThat(count(records, FailureReason.LINE_TOO_LONG), is(1L));
    RawRecord unreadable = records.stream().filter(r -> r.rejectedAs() == FailureReason.UNREADABLE_FILE).findFirst().get();
    long fromCut = records.stream().filter(r -> r.source().endsWith("a-cut.csv.gz")).count();
    assertThat(unreadable.position(), is(fromCut));
    assertThat(unreadable.rejection(), containsString("EOFException"));
    RawRecord last = records.get(records.size() - 1);
    assertThat(last.source().endsWith("b-good.csv") && last.position() == 3, is(true));
  }

  @Test
  void aRestartInsideOrAfterTheDamagedFileNeverFailsAndReportsItAtMostOnceMore() throws Exception {
    land("a-cut.csv.gz", truncatedGzip(20_000));
    UnboundedReader<RawRecord> first = reader(null);
    List<RawRecord> before = drain(first, false, 100);
    DirectoryCheckpoint inside = (DirectoryCheckpoint) first.getCheckpointMark();
    List<RawRecord> rest = drain(first, true, Integer.MAX_VALUE);
    DirectoryCheckpoint after = (DirectoryCheckpoint) first.getCheckpointMark();
    first.close();
    assertThat(count(rest, FailureReason.UNREADABLE_FILE), is(1L));

    List<RawRecord> resumedInside = drain(reader(inside), false, Integer.MAX_VALUE);
    assertThat(resumedInside.size(), is(rest.size()));
    assertThat(resumedInside.get(0).position(), is(before.get(before.size() - 1).position() + 1));
    assertThat(count(resumedInside, FailureReason.UNREADABLE_FILE), is(1L));

    land("b-next.csv", (event(5) + "\n").getBytes(StandardCharsets.UTF_8));
    List<RawRecord> resumedAfter = drain(reader(after), false, Integer.MAX_VALUE);
    assertThat(resumedAfter.size(), is(1));
    assertThat(resumedAfter.get(0).source().endsWith("b-next.csv"), is(true));
  }
}
