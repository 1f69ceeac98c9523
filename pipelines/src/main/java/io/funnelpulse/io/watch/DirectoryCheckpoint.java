package io.funnelpulse.io.watch;

import io.funnelpulse.model.MetricNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * How far a watched directory has been read: the files read to the end, the file being read (if any)
 * with the number of lines consumed from it, and the highest event time seen (the watermark's base).
 * A reader restored from it skips the finished files and those lines, so nothing is read twice.
 */
public final class DirectoryCheckpoint implements UnboundedSource.CheckpointMark {
  private final SortedSet<String> finishedFiles;
  private final String currentFile;
  private final long linesConsumed;
  private final long maxEventTimeMillis;
  private final boolean takenAfterEnd;

  DirectoryCheckpoint(
      SortedSet<String> finishedFiles, String currentFile, long linesConsumed, long maxEventTimeMillis) {
    this(finishedFiles, currentFile, linesConsumed, maxEventTimeMillis, false);
  }

  /** {@code takenAfterEnd}: taken by a reader whose input was complete (not encoded). */
  DirectoryCheckpoint(
      SortedSet<String> finishedFiles,
      String currentFile,
      long linesConsumed,
      long maxEventTimeMillis,
      boolean takenAfterEnd) {
    this.finishedFiles = Collections.unmodifiableSortedSet(new TreeSet<>(finishedFiles));
    this.currentFile = currentFile;
    this.linesConsumed = linesConsumed;
    this.maxEventTimeMillis = maxEventTimeMillis;
    this.takenAfterEnd = takenAfterEnd;
  }

  /** Nothing read yet. */
  static DirectoryCheckpoint start() {
    return new DirectoryCheckpoint(new TreeSet<>(), null, 0, Long.MIN_VALUE);
  }

  public SortedSet<String> finishedFiles() {
    return finishedFiles;
  }

  /** The file being read, or {@code null}. */
  public String currentFile() {
    return currentFile;
  }

  public long linesConsumed() {
    return linesConsumed;
  }

  public long maxEventTimeMillis() {
    return maxEventTimeMillis;
  }

  @Override
  public void finalizeCheckpoint() {
    // Files are never deleted or acknowledged: the checkpoint itself is the record of progress. A
    // runner finalizes once per bundle or micro-batch, so counting these after the end counts reads.
    if (takenAfterEnd) {
      Metrics.counter(MetricNames.SOURCE, MetricNames.CHECKPOINTS_AFTER_END)
          .inc();
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DirectoryCheckpoint)) {
      return false;
    }
    DirectoryCheckpoint that = (DirectoryCheckpoint) o;
    return linesConsumed == that.linesConsumed
        && maxEventTimeMillis == that.maxEventTimeMillis
        && finishedFiles.equals(that.finishedFiles)
        && Objects.equals(currentFile, that.currentFile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(finishedFiles, currentFile, linesConsumed, maxEventTimeMillis);
  }

  @Override
  public String toString() {
    return "DirectoryCheckpoint{" + finishedFiles.size() + " files done, current=" + currentFile + "@"
        + linesConsumed + ", maxEventTime=" + maxEventTimeMillis + "}";
  }

  /** Deterministic coder for {@link DirectoryCheckpoint}. */
  public static final class CheckpointCoder extends AtomicCoder<DirectoryCheckpoint> {
    private static final CheckpointCoder INSTANCE = new CheckpointCoder();
    private static final SetCoder<String> FILES = SetCoder.of(StringUtf8Coder.of());

    public static CheckpointCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DirectoryCheckpoint value, OutputStream out) throws IOException {
      FILES.encode(value.finishedFiles, out);
      NullableCoder.of(StringUtf8Coder.of()).encode(value.currentFile, out);
      VarLongCoder.of().encode(value.linesConsumed, out);
      VarLongCoder.of().encode(value.maxEventTimeMillis, out);
    }

    @Override
    public DirectoryCheckpoint decode(InputStream in) throws IOException {
      return new DirectoryCheckpoint(
          new TreeSet<>(FILES.decode(in)),
          NullableCoder.of(StringUtf8Coder.of()).decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {
      // The file set is sorted, so equal checkpoints encode to equal bytes.
    }
  }
}
