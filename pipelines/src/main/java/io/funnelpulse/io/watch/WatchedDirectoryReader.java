package io.funnelpulse.io.watch;

import io.funnelpulse.io.EventTimeJumpGuard;
import io.funnelpulse.io.LineReader;
import io.funnelpulse.io.SourceRejections;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.parse.EventTimes;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a watched directory for {@link WatchedDirectorySource}; see there for the contract.
 *
 * <p>A runner may close a reader and still ask it for more: the Spark runner keeps readers in a cache
 * and closes one whose entry expires, from another thread, while a slow micro-batch is still reading
 * with it. So every method is synchronized, and after {@link #close()} the next {@link #advance()}
 * reopens the current file at the line it had reached: nothing is skipped or read twice.
 */
final class WatchedDirectoryReader extends UnboundedSource.UnboundedReader<RawRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedDirectoryReader.class);
  private static final String HEADER_PREFIX = "event_time,";

  private final Gauge watermarkGauge =
      Metrics.gauge(MetricNames.SOURCE, MetricNames.WATERMARK_MILLIS);
  private final Counter lateRecords =
      Metrics.counter(MetricNames.SOURCE, MetricNames.LATE_RECORDS);
  private final Counter tooLateRecords =
      Metrics.counter(MetricNames.SOURCE, MetricNames.TOO_LATE_RECORDS);
  private final Gauge openWindowsGauge =
      Metrics.gauge(MetricNames.SOURCE, MetricNames.OPEN_WINDOWS);
  private final Gauge windowsInLatenessGauge =
      Metrics.gauge(MetricNames.SOURCE, MetricNames.WINDOWS_IN_LATENESS);
  private final Gauge inputCompleteGauge =
      Metrics.gauge(MetricNames.SOURCE, MetricNames.INPUT_COMPLETE);
  private final WatchedDirectorySource source;
  private final OpenWindows openWindows;
  private boolean inputComplete;
  private final SortedSet<String> finished;
  private final Deque<Path> pending = new ArrayDeque<>();
  private String currentFile;
  private long linesConsumed;
  private long maxEventTimeMillis;
  private LineReader reader;
  /** Lines read ahead of the current one (to confirm an event-time jump), not consumed yet. */
  private final Deque<LineReader.Line> lookahead = new ArrayDeque<>();
  /** An error met while reading ahead, raised when the lines before it are consumed. */
  private IOException lookaheadError;
  private RawRecord current;
  private Instant currentTimestamp;
  private long lastPollMillis = Long.MIN_VALUE;

  WatchedDirectoryReader(WatchedDirectorySource source, DirectoryCheckpoint checkpoint) {
    this.source = source;
    this.openWindows = source.openWindows();
    this.finished = new TreeSet<>(checkpoint.finishedFiles());
    this.currentFile = checkpoint.currentFile();
    this.linesConsumed = checkpoint.linesConsumed();
    this.maxEventTimeMillis = checkpoint.maxEventTimeMillis();
  }

  @Override
  public synchronized boolean start() throws IOException {
    return advance();
  }

  /** Opens the current file (again) and skips the lines already consumed. */
  private void reopenCurrentFile() throws IOException {
    lookahead.clear();
    lookaheadError = null;
    reader = open(Paths.get(currentFile), source.maxLineBytes());
    for (long i = 0; i < linesConsumed && reader.next() != null; i++) {
      // skip what was already read (or what the checkpoint says was)
    }
  }

  @Override
  public synchronized boolean advance() throws IOException {
    if (inputComplete) {
      return false;
    }
    while (true) {
      if (currentFile != null) {
        LineReader.Line line;
        try {
          if (reader == null) {
            reopenCurrentFile();
          }
          line = nextLine();
        } catch (IOException e) {
          // A file that breaks off (truncated or corrupt compression, no permission) is reported once
          // and done with: the stream goes on, and a restart does not read past where it broke.
          linesConsumed++;
          emitRejected(SourceRejections.unreadableFile(currentFile, linesConsumed, e));
          finishCurrentFile();
          return true;
        }
        if (line != null) {
          linesConsumed++;
          if (linesConsumed == 1 && !line.tooLong() && stripBom(line.text()).startsWith(HEADER_PREFIX)) {
            continue;
          }
          if (line.tooLong()) {
            emitRejected(SourceRejections.lineTooLong(line, currentFile, linesConsumed, source.maxLineBytes()));
          } else {
            emit(linesConsumed == 1 ? stripBom(line.text()) : line.text());
          }
          return true;
        }
        finishCurrentFile();
      }
      if (pending.isEmpty() && !poll()) {
        return false;
      }
      Path next = pending.removeFirst();
      currentFile = next.toString();
      linesConsumed = 0;
    }
  }

  /** A record the source rejected goes to the dead letters downstream, stamped at the watermark. */
  private void emitRejected(RawRecord rejected) {
    current = rejected;
    currentTimestamp = getWatermark();
  }

  /** The next line of the current file: one read ahead first, then the file's. */
  private LineReader.Line nextLine() throws IOException {
    if (!lookahead.isEmpty()) {
      return lookahead.removeFirst();
    }
    if (lookaheadError != null) {
      IOException error = lookaheadError;
      lookaheadError = null;
      throw error;
    }
    return reader.next();
  }

  /**
   * Whether the records after the current one confirm its jump in event time: they are read ahead
   * (and stay to be read), within the current file.
   */
  private boolean jumpConfirmed() {
    while (lookahead.size() < EventTimeJumpGuard.LOOKAHEAD && lookaheadError == null) {
      try {
        LineReader.Line line = reader.next();
        if (line == null) {
          break;
        }
        lookahead.addLast(line);
      } catch (IOException e) {
        lookaheadError = e;
      }
    }
    List<Long> following = new ArrayList<>();
    for (LineReader.Line line : lookahead) {
      long millis = line.tooLong() ? EventTimes.INVALID : RecordParser.eventTimeOf(line.text(), InputFormat.AUTO);
      if (millis != EventTimes.INVALID) {
        following.add(millis);
      }
    }
    return source.jumpGuard().confirmedBy(following, maxEventTimeMillis);
  }

  private void emit(String line) {
    current = RawRecord.of(line, currentFile, linesConsumed);
    long millis = RecordParser.eventTimeOf(line, InputFormat.AUTO);
    if (millis != EventTimes.INVALID) {
      if (source.jumpGuard().isJump(millis, maxEventTimeMillis) && !jumpConfirmed()) {
        current = RawRecord.rejected(line, currentFile, linesConsumed, FailureReason.FUTURE_EVENT_TIME,
            source.jumpGuard().message(millis, maxEventTimeMillis, "the latest event read"));
        currentTimestamp = getWatermark();
        return;
      }
      long watermark = getWatermark().getMillis();
      if (source.isTooLate(millis, watermark)) {
        // Stamped at the watermark: parsing sends it to the dead letters as too late (LatenessHorizon).
        tooLateRecords.inc();
        currentTimestamp = new Instant(watermark);
        return;
      }
      if (millis < watermark) {
        lateRecords.inc();
      }
      boolean newWindow = false;
      if (openWindows != null) {
        openWindows.add(millis);
        newWindow = true;
      }
      if (millis > maxEventTimeMillis) {
        maxEventTimeMillis = millis;
        watermarkGauge.set(getWatermark().getMillis());
        reportOpenWindows();
      } else if (newWindow) {
        reportOpenWindows();
      }
      currentTimestamp = new Instant(millis);
    } else {
      // A record without a usable time goes to the dead letters downstream; stamp it at the watermark.
      currentTimestamp = getWatermark();
    }
  }

  private void reportOpenWindows() {
    if (openWindows == null) {
      return;
    }
    long watermark = getWatermark().getMillis();
    openWindows.closeUpTo(watermark);
    openWindowsGauge.set(openWindows.awaitingOnTime(watermark));
    windowsInLatenessGauge.set(openWindows.inLateness(watermark));
  }

  /** The end marker is there and every file before it is read: the watermark becomes final. */
  private void completeInput() {
    inputComplete = true;
    inputCompleteGauge.set(1);
    reportOpenWindows();
    LOG.info("Input of {} is complete ({} files read): the watermark moves to the end of time",
        source.directory(), finished.size());
  }

  private void finishCurrentFile() {
    closeReader();
    lookahead.clear();
    lookaheadError = null;
    finished.add(currentFile);
    currentFile = null;
    linesConsumed = 0;
  }

  /** Lists the directory (at most once per poll interval); returns whether files were queued. */
  private boolean poll() throws IOException {
    long now = System.currentTimeMillis();
    if (lastPollMillis != Long.MIN_VALUE && now - lastPollMillis < source.pollInterval().getMillis()) {
      return false;
    }
    lastPollMillis = now;
    Path dir = Paths.get(source.directory());
    if (!Files.isDirectory(dir)) {
      return false;
    }
    // The marker is looked for before listing: it lands after the last file, so a listing made after
    // seeing it holds every file.
    boolean endMarked = Files.exists(dir.resolve(WatchedDirectorySource.END_MARKER));
    List<Path> fresh;
    try (Stream<Path> files = Files.list(dir)) {
      fresh =
          files
              .filter(WatchedDirectoryReader::isEventFile)
              .filter(f -> !finished.contains(f.toString()))
              .map(f -> new Arrival(f, modifiedMillis(f)))
              .sorted(Comparator.comparingLong(Arrival::modifiedMillis).thenComparing(a -> a.path().toString()))
              .limit(source.maxFilesPerPoll())
              .map(Arrival::path)
              .collect(Collectors.toList());
    }
    pending.addAll(fresh);
    if (fresh.isEmpty() && endMarked) {
      completeInput();
    }
    return !fresh.isEmpty();
  }

  /** Whether a file in the directory is a finished event file (not hidden, temporary or other). */
  static boolean isEventFile(Path file) {
    String name = file.getFileName().toString();
    if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".tmp") || name.endsWith(".inprogress")
        || !Files.isRegularFile(file)) {
      return false;
    }
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    return plain.endsWith(".csv") || plain.endsWith(".json") || plain.endsWith(".jsonl")
        || plain.endsWith(".ndjson");
  }

  private static long modifiedMillis(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime().toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static LineReader open(Path file, int maxLineBytes) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new LineReader(in, maxLineBytes);
  }

  /** Closes the current file; a damaged one may fail again as it closes, which changes nothing. */
  private void closeReader() {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      LOG.debug("Closing {} failed: {}", currentFile, e.toString());
    }
    reader = null;
  }

  private static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }

  @Override
  public synchronized RawRecord getCurrent() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override
  public synchronized Instant getCurrentTimestamp() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return currentTimestamp;
  }

  /**
   * Highest event time read minus the allowed out-of-orderness, never the wall clock; the end of time
   * once the input is complete.
   */
  @Override
  public synchronized Instant getWatermark() {
    if (inputComplete) {
      return BoundedWindow.TIMESTAMP_MAX_VALUE;
    }
    if (maxEventTimeMillis == Long.MIN_VALUE) {
      return BoundedWindow.TIMESTAMP_MIN_VALUE;
    }
    return new Instant(maxEventTimeMillis).minus(source.maxOutOfOrderness());
  }

  @Override
  public synchronized DirectoryCheckpoint getCheckpointMark() {
    return new DirectoryCheckpoint(
        finished, currentFile, linesConsumed, maxEventTimeMillis, inputComplete && source.countsReadsAfterEnd());
  }

  @Override
  public WatchedDirectorySource getCurrentSource() {
    return source;
  }

  @Override
  public synchronized void close() {
    closeReader();
  }

  /** A file and when it arrived. */
  private static final class Arrival {
    private final Path path;
    private final long modifiedMillis;

    Arrival(Path path, long modifiedMillis) {
      this.path = path;
      this.modifiedMillis = modifiedMillis;
    }

    Path path() {
      return path;
    }

    long modifiedMillis() {
      return modifiedMillis;
    }
  }
}
