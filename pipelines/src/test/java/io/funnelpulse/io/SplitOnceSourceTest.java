package io.funnelpulse.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource.CheckpointMark;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split restored from its checkpoint mark is read once: the copy of it a runner assigns again
 * beside it (as Flink's restored split enumerator does) reads through the restored reader while that
 * one is open, with its watermark and checkpoint mark; with no restored reader, a split reads from the
 * start.
 */
@Timeout(60)
class SplitOnceSourceTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @TempDir Path dir;
  private int arrivals;

  private void land(String name, String... times) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session");
    for (String time : times) {
      lines.add(time + " UTC,view,1004259,2053013555631882655,,acme,7.77,568847318,s-1");
    }
    Path file = Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++arrivals)));
  }

  private SplitOnceSource<RawRecord, ?> onlySplit() throws Exception {
    WatchedDirectorySource watch =
        WatchedDirectorySource.of(dir.toString(), Duration.standardMinutes(10)).withPollInterval(Duration.ZERO);
    List<? extends SplitOnceSource<RawRecord, ?>> splits = SplitOnceSource.of(watch, "watch:" + dir).split(4, OPTIONS);
    assertThat(splits, hasSize(1));
    return splits.get(0);
  }

  private static List<String> drain(UnboundedReader<RawRecord> reader) throws Exception {
    List<String> times = new ArrayList<>();
    for (boolean available = reader.start(); available; available = reader.advance()) {
      times.add(reader.getCurrent().text().substring(0, 19));
    }
    return times;
  }

  /** The reader's checkpoint mark as a runner keeps it: encoded, then decoded on restore. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CheckpointMark restoredMark(SplitOnceSource split, UnboundedReader<RawRecord> reader)
      throws Exception {
    Coder coder = split.getCheckpointMarkCoder();
    return (CheckpointMark) CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, reader.getCheckpointMark()));
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aSplitAssignedAgainBesideItsRestoredCopyReadsThroughTheSameReader() throws Exception {
    land("a.csv", "2019-10-01 00:00:01", "2019-10-01 00:00:02");
    SplitOnceSource split = onlySplit();
    UnboundedReader<RawRecord> first = split.createReader(OPTIONS, null);
    assertThat(drain(first), contains("2019-10-01 00:00:01", "2019-10-01 00:00:02"));
    CheckpointMark mark = restoredMark(split, first);
    first.close();

    land("b.csv", "2019-10-01 00:00:03");
    UnboundedReader<RawRecord> restored = split.createReader(OPTIONS, mark);
    assertThat(drain(restored), contains("2019-10-01 00:00:03"));
    assertThat(SplitOnceSource.isRestoredHere("watch:" + dir, 0), is(true));

    // The enumerator's copy of the same split: it goes on where the restored reader is, never from the start.
    land("c.csv", "2019-10-01 00:00:04");
    SplitOnceSource againFromEnumerator = onlySplit();
    UnboundedReader<RawRecord> copy = againFromEnumerator.createReader(OPTIONS, null);
    assertThat(drain(copy), contains("2019-10-01 00:00:04"));
    assertThat(restored.advance(), is(false));
    assertThat(copy.getWatermark(), is(restored.getWatermark()));
    assertThat(copy.getCheckpointMark(), is(restored.getCheckpointMark()));
    copy.close();
    assertThat("closing one user keeps the reader open", SplitOnceSource.isRestoredHere("watch:" + dir, 0), is(true));
    assertThat(restored.advance(), is(false));

    // Restored again from the copy's mark, the split reads what came after it, once.
    CheckpointMark copysMark = restoredMark(againFromEnumerator, restored);
    restored.close();
    assertThat(SplitOnceSource.isRestoredHere("watch:" + dir, 0), is(false));
    land("d.csv", "2019-10-01 00:00:05");
    UnboundedReader<RawRecord> again = againFromEnumerator.createReader(OPTIONS, copysMark);
    assertThat(drain(again), contains("2019-10-01 00:00:05"));
    again.close();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void withoutARestoredReaderASplitReadsFromTheStart() throws Exception {
    land("a.csv", "2019-10-01 00:00:01");
    land("b.csv", "2019-10-01 00:00:02");
    SplitOnceSource split = onlySplit();
    UnboundedReader<RawRecord> fresh = split.createReader(OPTIONS, null);
    assertThat(drain(fresh), contains("2019-10-01 00:00:01", "2019-10-01 00:00:02"));
    assertThat(SplitOnceSource.isRestoredHere("watch:" + dir, 0), is(false));
    fresh.close();
  }
}
