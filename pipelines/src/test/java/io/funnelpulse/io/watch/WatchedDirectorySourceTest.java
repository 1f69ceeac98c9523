package io.funnelpulse.io.watch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.aggregate.LatenessHorizon;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watched-directory source on its own, through the UnboundedReader API: files that appear while it
 * reads, empty and gzip files, files not yet renamed into place, checkpoint and restore of the read
 * position, and a watermark that follows the data (never the wall clock) and never moves backwards.
 */
@Timeout(60)
class WatchedDirectorySourceTest {
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
  private static final Duration OUT_OF_ORDERNESS = Duration.standardMinutes(10);

  @TempDir Path dir;
  private int arrivals;

  private static String event(String time, String brand) {
    return time + " UTC,view,1004259,2053013555631882655,," + brand + ",7.77,568847318,s-1";
  }

  /** Writes a file elsewhere and renames it into the directory, as a landing process would. */
  private Path land(String name, List<String> lines) throws Exception {
    Path staged = dir.resolve("." + name + ".inprogress");
    Files.write(staged, lines, StandardCharsets.UTF_8);
    return arrive(staged, name);
  }

  private Path arrive(Path staged, String name) throws Exception {
    Path target = Files.move(staged, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    // Distinct, increasing arrival times regardless of file-system timestamp resolution.
    Files.setLastModifiedTime(target, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++arrivals)));
    return target;
  }

  private WatchedDirectorySource source() {
    return WatchedDirectorySource.of(dir.toString(), OUT_OF_ORDERNESS).withPollInterval(Duration.ZERO);
  }

  private static UnboundedReader<RawRecord> reader(WatchedDirectorySource source, DirectoryCheckpoint mark) {
    return source.createReader(PipelineOptionsFactory.create(), mark);
  }

  /** Everything available now: texts of the records read until advance() says no more. */
  private static List<String> drain(UnboundedReader<RawRecord> reader, boolean started) throws Exception {
    List<String> texts = new ArrayList<>();
    boolean available = started ? reader.advance() : reader.start();
    while (available) {
      texts.add(reader.getCurrent().text());
      available = reader.advance();
    }
    return texts;
  }

  @Test
  void filesThatAppearWhileReadingAreReadOnceEachInArrivalOrder() throws Exception {
    UnboundedReader<RawRecord> reader = reader(source(), null);
    assertThat(drain(reader, false), is(empty()));
    land("b.csv", List.of(HEADER, event("2019-10-01 10:00:00", "b1"), event("2019-10-01 10:01:00", "b2")));
    assertThat(drain(reader, true), contains(event("2019-10-01 10:00:00", "b1"), event("2019-10-01 10:01:00", "b2")));
    land("a.csv", List.of(HEADER, event("2019-10-01 10:02:00", "a1")));
    assertThat(drain(reader, true), contains(event("2019-10-01 10:02:00", "a1")));
    assertThat(drain(reader, true), is(empty()));
    reader.close();
  }

  @Test
  void recordsCarryTheirFileLineNumberAndEventTime() throws Exception {
    Path file = land("events.csv", List.of(HEADER, event("2019-10-01 10:00:00", "x"), "garbage line"));
    UnboundedReader<RawRecord> reader = reader(source(), null);
    assertThat(reader.start(), is(true));
    assertThat(reader.getCurrent(), is(RawRecord.of(event("2019-10-01 10:00:00", "x"), file.toString(), 2)));
    assertThat(reader.getCurrentTimestamp(), is(org.joda.time.Instant.parse("2019-10-01T10:00:00Z")));
    assertThat(reader.advance(), is(true));
    assertThat(reader.getCurrent().position(), is(3L));
    assertThat(reader.getCurrentTimestamp(), is(reader.getWatermark()));
    reader.close();
  }

  @Test
  void emptyAndGzipFilesAreRead() throws Exception {
    Files.createFile(dir.resolve(".empty.csv.tmp"));
    arrive(dir.resolve(".empty.csv.tmp"), "empty.csv");
    Path staged = dir.resolve(".z.csv.gz.inprogress");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(staged))) {
      out.write((HEADER + "\n" + event("2019-10-01 11:00:00", "gz") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    arrive(staged, "z.csv.gz");
    assertThat(drain(reader(source(), null), false), contains(event("2019-10-01 11:00:00", "gz")));
  }

  @Test
  void aFileIsNotReadUntilItIsRenamedIntoPlace() throws Exception {
    Path staged = dir.resolve(".late.csv.inprogress");
    Files.write(staged, List.of(HEADER, event("2019-10-01 12:00:00", "half")), StandardCharsets.UTF_8);
    Files.write(dir.resolve("notes.tmp"), List.of("not events"), StandardCharsets.UTF_8);
    Files.write(dir.resolve("_SUCCESS"), List.of(), StandardCharsets.UTF_8);
    UnboundedReader<RawRecord> reader = reader(source(), null);
    assertThat(drain(reader, false), is(empty()));
    arrive(staged, "late.csv");
    assertThat(drain(reader, true), contains(event("2019-10-01 12:00:00", "half")));
  }

  @Test
  void aRestoredReaderContinuesWhereTheCheckpointWasTaken() throws Exception {
    land("one.csv", List.of(HEADER, event("2019-10-01 10:00:00", "o1")));
    land("two.csv", List.of(HEADER, event("2019-10-01 10:05:00", "t1"), event("2019-10-01 10:06:00", "t2"),
        event("2019-10-01 10:07:00", "t3")));
    WatchedDirectorySource source = source();
    UnboundedReader<RawRecord> first = reader(source, null);
    assertThat(first.start(), is(true));
    assertThat(first.advance(), is(true));
    assertThat(first.getCurrent().text(), is(event("2019-10-01 10:05:00", "t1")));
    DirectoryCheckpoint mark = (DirectoryCheckpoint) first.getCheckpointMark();
    first.close();

    DirectoryCheckpoint.CheckpointCoder coder = DirectoryCheckpoint.CheckpointCoder.of();
    CoderProperties.coderDecodeEncodeEqual(coder, mark);
    DirectoryCheckpoint restored = CoderUtils.clone(coder, mark);
    UnboundedReader<RawRecord> second = reader(source, restored);
    assertThat(drain(second, false),
        contains(event("2019-10-01 10:06:00", "t2"), event("2019-10-01 10:07:00", "t3")));
    assertThat(second.getWatermark(), is(org.joda.time.Instant.parse("2019-10-01T09:57:00Z")));
  }

  @Test
  void aReaderClosedMidFileByTheRunnerGoesOnFromTheSameLineWhenAskedAgain() throws Exception {
    land("one.csv", List.of(HEADER, event("2019-10-01 10:00:00", "o1"), event("2019-10-01 10:01:00", "o2"),
        event("2019-10-01 10:02:00", "o3")));
    land("two.csv", List.of(HEADER, event("2019-10-01 10:05:00", "t1")));
    UnboundedReader<RawRecord> reader = reader(source(), null);
    assertThat(reader.start(), is(true));
    assertThat(reader.getCurrent().text(), is(event("2019-10-01 10:00:00", "o1")));
    // The Spark runner's reader cache closes an expired reader while a slow micro-batch still uses it.
    reader.close();
    assertThat(drain(reader, true),
        contains(event("2019-10-01 10:01:00", "o2"), event("2019-10-01 10:02:00", "o3"),
            event("2019-10-01 10:05:00", "t1")));
    DirectoryCheckpoint mark = (DirectoryCheckpoint) reader.getCheckpointMark();
    assertThat(drain(reader(source(), mark), false), is(empty()));
  }

  @Test
  void theWatermarkFollowsTheDataNeverTheWallClockAndNeverGoesBack() throws Exception {
    land("mixed.csv", List.of(HEADER, event("2019-10-01 10:00:00", "a"), event("2019-10-01 10:30:00", "b"),
        event("2019-10-01 10:05:00", "late"), "not,a,record", event("2019-10-01 10:40:00", "c")));
    UnboundedReader<RawRecord> reader = reader(source(), null);
    assertThat(reader.getWatermark(), is(BoundedWindow.TIMESTAMP_MIN_VALUE));
    org.joda.time.Instant previous = BoundedWindow.TIMESTAMP_MIN_VALUE;
    boolean available = reader.start();
    while (available) {
      org.joda.time.Instant watermark = reader.getWatermark();
      assertThat(watermark, greaterThanOrEqualTo(previous));
      previous = watermark;
      available = reader.advance();
    }
    assertThat(previous, is(org.joda.time.Instant.parse("2019-10-01T10:30:00Z")));
    assertThat(previous.getMillis(), lessThan(System.currentTimeMillis() - Duration.standardDays(365).getMillis()));
    // Idle: no new data, no movement.
    assertThat(reader.advance(), is(false));
    assertThat(reader.getWatermark(), is(previous));
  }

  @Test
  void recordsReadAfterTheirWindowClosedAreStampedAtTheWatermark() throws Exception {
    land("stream.csv", List.of(HEADER, event("2019-10-01 10:00:00", "a"), event("2019-10-01 12:00:00", "b"),
        event("2019-10-01 10:10:00", "closed"), event("2019-10-01 11:40:00", "open"),
        event("2019-10-01 11:29:59", "still-open")));
    WatchedDirectorySource source =
        WatchedDirectorySource.of(dir.toString(), Duration.ZERO)
            .withPollInterval(Duration.ZERO)
            .withLatenessHorizon(Duration.standardHours(1), Duration.standardMinutes(30));
    UnboundedReader<RawRecord> reader = reader(source, null);
    List<String> tooLate = new ArrayList<>();
    boolean available = reader.start();
    while (available) {
      long eventTime = RecordParser.eventTimeOf(reader.getCurrent().text(), InputFormat.AUTO);
      if (LatenessHorizon.stampedTooLate(eventTime, reader.getCurrentTimestamp().getMillis())) {
        tooLate.add(reader.getCurrent().text());
      }
      available = reader.advance();
    }
    // Window [10:00, 11:00) + 30 min closes at 11:30; the watermark is 12:00 after the second event.
    assertThat(tooLate, contains(event("2019-10-01 10:10:00", "closed")));
  }

  @Test
  void theEndMarkerCompletesTheInputOnceEveryFileBeforeItIsRead() throws Exception {
    land("a.csv", List.of(HEADER, event("2019-10-01 10:00:00", "a")));
    land("b.csv", List.of(HEADER, event("2019-10-01 10:20:00", "b")));
    land("c.csv", List.of(HEADER, event("2019-10-01 10:40:00", "c")));
    UnboundedReader<RawRecord> reader = reader(source().withMaxFilesPerPoll(1), null);
    assertThat(drain(reader, false), hasSize(3));
    assertThat(reader.getWatermark(), is(org.joda.time.Instant.parse("2019-10-01T10:30:00Z")));

    land("d.csv", List.of(HEADER, event("2019-10-01 11:00:00", "d")));
    Files.write(dir.resolve(WatchedDirectorySource.END_MARKER), new byte[0]);
    assertThat(drain(reader, true), contains(event("2019-10-01 11:00:00", "d")));
    assertThat(reader.getWatermark(), is(BoundedWindow.TIMESTAMP_MAX_VALUE));

    land("after-the-end.csv", List.of(HEADER, event("2019-10-01 12:00:00", "e")));
    assertThat(reader.advance(), is(false));
    assertThat(reader.getWatermark(), is(BoundedWindow.TIMESTAMP_MAX_VALUE));
  }
}
