package io.funnelpulse.io.watch;

import io.funnelpulse.io.EventTimeJumpGuard;
import io.funnelpulse.io.LineReader;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.LatenessHorizon;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Duration;

/**
 * An unbounded source over a local landing directory: event files (CSV, JSON lines, optionally .gz)
 * that appear in it are read once each, in arrival order (modification time, then name), line by line
 * as {@link RawRecord}s with the file and line number. Files whose name starts with '.' or '_' or ends
 * with '.tmp' or '.inprogress' are ignored, so a writer can write elsewhere and rename into place.
 *
 * <p>Each record's timestamp is its event time; the watermark is the highest event time read minus
 * {@code maxOutOfOrderness}, never the wall clock, so replayed history streams correctly. It stays put
 * while no new data arrives. With {@link #withLatenessHorizon} it stamps records that arrive after
 * their window closed at the watermark, for the dead letters, and counts the windows still open. An empty file named
 * {@value #END_MARKER} ends the input: once the files before it are read, the watermark moves to the
 * end of time, every window closes and a Direct run finishes. The checkpoint
 * ({@link DirectoryCheckpoint}) records the finished files and the position in the current one. Built on the {@code UnboundedSource} API, it runs on the Spark
 * runner's streaming mode, where splittable-DoFn file watching does not translate.
 *
 * <pre>{@code
 * PCollection<RawRecord> raw = p.apply("ReadEvents",
 *     Read.from(WatchedDirectorySource.of("/landing", Duration.standardMinutes(10))));
 * }</pre>
 */
public final class WatchedDirectorySource extends UnboundedSource<RawRecord, DirectoryCheckpoint> {
  /** Default cap on new files taken up per directory listing. */
  public static final int DEFAULT_MAX_FILES_PER_POLL = 8;

  /**
   * Name of the file a writer puts in the directory when no more files will land (after the last
   * one is in place). The reader then finishes the files it has not read and moves its watermark to
   * the end of time, which closes every window; files landing later are not read.
   */
  public static final String END_MARKER = "_DONE";
  /** Default minimum time between two listings of an idle directory. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.millis(200);

  private final String directory;
  private final Duration maxOutOfOrderness;
  private final int maxFilesPerPoll;
  private final Duration pollInterval;
  private final Duration windowSize;
  private final Duration allowedLateness;
  private final LatenessHorizon horizon;
  private final int maxLineBytes;
  private final EventTimeJumpGuard jumpGuard;
  private final boolean countReadsAfterEnd;

  private WatchedDirectorySource(
      String directory,
      Duration maxOutOfOrderness,
      int maxFilesPerPoll,
      Duration pollInterval,
      Duration windowSize,
      Duration allowedLateness,
      int maxLineBytes,
      EventTimeJumpGuard jumpGuard,
      boolean countReadsAfterEnd) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.maxOutOfOrderness = Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
    this.maxFilesPerPoll = maxFilesPerPoll;
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.horizon = windowSize == null ? null : LatenessHorizon.of(windowSize, allowedLateness);
    this.maxLineBytes = maxLineBytes;
    this.jumpGuard = Objects.requireNonNull(jumpGuard, "jumpGuard");
    this.countReadsAfterEnd = countReadsAfterEnd;
    if (maxFilesPerPoll <= 0) {
      throw new IllegalArgumentException("maxFilesPerPoll must be positive, got " + maxFilesPerPoll);
    }
  }

  /** Watches {@code directory}; the watermark trails the highest event time by {@code maxOutOfOrderness}. */
  public static WatchedDirectorySource of(String directory, Duration maxOutOfOrderness) {
    return new WatchedDirectorySource(
        directory, maxOutOfOrderness, DEFAULT_MAX_FILES_PER_POLL, DEFAULT_POLL_INTERVAL, null, null,
        LineReader.DEFAULT_MAX_LINE_BYTES, EventTimeJumpGuard.of(EventTimeJumpGuard.DEFAULT_MAX_JUMP), true);
  }

  /** A copy taking up at most {@code files} new files per listing (bounds a micro-batch). */
  public WatchedDirectorySource withMaxFilesPerPoll(int files) {
    return new WatchedDirectorySource(
        directory, maxOutOfOrderness, files, pollInterval, windowSize, allowedLateness, maxLineBytes, jumpGuard,
        countReadsAfterEnd);
  }

  /** A copy listing an idle directory at most once per {@code interval}. */
  public WatchedDirectorySource withPollInterval(Duration interval) {
    return new WatchedDirectorySource(
        directory, maxOutOfOrderness, maxFilesPerPoll, interval, windowSize, allowedLateness, maxLineBytes, jumpGuard,
        countReadsAfterEnd);
  }

  /**
   * A copy that stamps a record at the watermark when, as it is read, the watermark has already passed
   * the end of its fixed window of {@code size} plus {@code lateness}: the windowing downstream would
   * drop it, so parsing sends it to the dead letters as too late instead ({@link LatenessHorizon}).
   */
  public WatchedDirectorySource withLatenessHorizon(Duration size, Duration lateness) {
    return new WatchedDirectorySource(
        directory, maxOutOfOrderness, maxFilesPerPoll, pollInterval, size, lateness, maxLineBytes, jumpGuard,
        countReadsAfterEnd);
  }

  /** A copy reading lines of at most {@code bytes}; longer ones become {@code line_too_long} records. */
  public WatchedDirectorySource withMaxLineBytes(int bytes) {
    return new WatchedDirectorySource(
        directory, maxOutOfOrderness, maxFilesPerPoll, pollInterval, windowSize, allowedLateness, bytes, jumpGuard,
        countReadsAfterEnd);
  }

  /**
   * A copy in which a record more than {@code maxJump} ahead of the latest event read does not move the
   * watermark unless the records after it confirm the jump (see {@link EventTimeJumpGuard}); zero
   * turns the guard off.
   */
  public WatchedDirectorySource withMaxEventTimeJump(Duration maxJump) {
    return new WatchedDirectorySource(directory, maxOutOfOrderness, maxFilesPerPoll, pollInterval,
        windowSize, allowedLateness, maxLineBytes, EventTimeJumpGuard.of(maxJump), countReadsAfterEnd);
  }

  /**
   * A copy that counts ({@code true}, the default) or not the reads of the source after its input was
   * complete ({@code funnelpulse.source/checkpoints_after_end}, counted when the runner finalizes a
   * checkpoint), which tell a job on a runner that does not finish by itself when to stop. The Flink
   * runner finalizes checkpoints where no metric can be updated, and finishes by itself.
   */
  public WatchedDirectorySource countingReadsAfterEnd(boolean count) {
    return new WatchedDirectorySource(directory, maxOutOfOrderness, maxFilesPerPoll, pollInterval,
        windowSize, allowedLateness, maxLineBytes, jumpGuard, count);
  }

  /** Whether checkpoints taken after the end count the reads after the end. */
  boolean countsReadsAfterEnd() {
    return countReadsAfterEnd;
  }

  /** Whether a record of this event time is beyond the horizon at {@code watermarkMillis}. */
  boolean isTooLate(long eventTimeMillis, long watermarkMillis) {
    return horizon != null && horizon.isPast(eventTimeMillis, watermarkMillis);
  }

  /** A tracker of the windows still open, or {@code null} without a lateness horizon. */
  OpenWindows openWindows() {
    return windowSize == null ? null : new OpenWindows(windowSize.getMillis(), allowedLateness.getMillis());
  }

  String directory() {
    return directory;
  }

  Duration maxOutOfOrderness() {
    return maxOutOfOrderness;
  }

  int maxFilesPerPoll() {
    return maxFilesPerPoll;
  }

  EventTimeJumpGuard jumpGuard() {
    return jumpGuard;
  }

  int maxLineBytes() {
    return maxLineBytes;
  }

  Duration pollInterval() {
    return pollInterval;
  }

  /** A directory is read by one reader: arrival order is a single sequence. */
  @Override
  public List<WatchedDirectorySource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public WatchedDirectoryReader createReader(PipelineOptions options, DirectoryCheckpoint checkpoint) {
    return new WatchedDirectoryReader(this, checkpoint == null ? DirectoryCheckpoint.start() : checkpoint);
  }

  @Override
  public Coder<DirectoryCheckpoint> getCheckpointMarkCoder() {
    return DirectoryCheckpoint.CheckpointCoder.of();
  }

  @Override
  public Coder<RawRecord> getOutputCoder() {
    return RawRecordCoder.of();
  }
}
