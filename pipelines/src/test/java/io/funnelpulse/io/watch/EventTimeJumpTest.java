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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-time guard of the watched directory: one record stamped years ahead among real-looking
 * rows goes to the dead letters as {@code future_event_time} and moves nothing; data that resumes after
 * a gap of days is followed (the records after the jump confirm it), also across a restart in between.
 */
@Timeout(60)
class EventTimeJumpTest {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final Instant START = Instant.parse("2019-11-01T00:00:00Z");

  @TempDir Path dir;

  private static String event(Instant time, int i) {
    return TIME.format(time) + ",view," + (1000 + i) + ",2053013555631882655,,brand,7.77,568847318,s-" + i;
  }

  private void land(String name, List<String> lines) throws Exception {
    Path file = Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(name.hashCode() & 0xffff)));
  }

  private UnboundedReader<RawRecord> reader(DirectoryCheckpoint mark) {
    return WatchedDirectorySource.of(dir.toString(), Duration.standardMinutes(10))
        .withPollInterval(Duration.ZERO)
        .withMaxEventTimeJump(Duration.standardHours(24))
        .createReader(PipelineOptionsFactory.create(), mark);
  }

  private static List<RawRecord> drain(UnboundedReader<RawRecord> reader, boolean started, int atMost) throws Exception {
    List<RawRecord> records = new ArrayList<>();
    boolean available = started ? reader.advance() : reader.start();
    while (available) {
      records.add(reader.getCurrent());
      if (records.size() >= atMost) {
        break;
      }
      available = reader.advance();
    }
    return records;
  }

  @Test
  void oneRecordYearsAheadIsRejectedAndMovesNothing() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lines.add(event(START.plusSeconds(60L * i), i));
      if (i == 100) {
        lines.add(event(Instant.parse("2029-12-31T23:59:59Z"), 9999));
      }
    }
    land("a.csv", lines);
    UnboundedReader<RawRecord> reader = reader(null);

    List<RawRecord> records = drain(reader, false, Integer.MAX_VALUE);

    assertThat(records.size(), is(201));
    List<RawRecord> rejected = records.stream().filter(r -> r.rejectedAs() != null).toList();
    assertThat(rejected.size(), is(1));
    assertThat(rejected.get(0).rejectedAs(), is(FailureReason.FUTURE_EVENT_TIME));
    assertThat(rejected.get(0).position(), is(102L));
    assertThat(rejected.get(0).rejection(), containsString("2029-12-31T23:59:59.000Z"));
    assertThat(reader.getWatermark(),
        is(new org.joda.time.Instant(START.plusSeconds(60L * 199).toEpochMilli()).minus(Duration.standardMinutes(10))));
  }

  @Test
  void dataResumingAfterAGapOfDaysIsFollowedAlsoAcrossARestart() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(event(START.plusSeconds(60L * i), i));
    }
    Instant resumed = START.plus(java.time.Duration.ofDays(5));
    for (int i = 0; i < 50; i++) {
      lines.add(event(resumed.plusSeconds(60L * i), 100 + i));
    }
    land("a.csv", lines);
    UnboundedReader<RawRecord> first = reader(null);
    List<RawRecord> before = drain(first, false, 50);
    DirectoryCheckpoint atTheGap = (DirectoryCheckpoint) first.getCheckpointMark();
    List<RawRecord> after = drain(first, true, Integer.MAX_VALUE);
    first.close();

    assertThat(before.size() + after.size(), is(100));
    assertThat(after.stream().filter(r -> r.rejectedAs() != null).count(), is(0L));
    List<RawRecord> resumedRun = drain(reader(atTheGap), false, Integer.MAX_VALUE);
    assertThat(resumedRun, is(after));
  }
}
