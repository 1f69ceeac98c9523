package io.funnelpulse.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unbounded source whose every split is read once after a restore, however often the runner hands
 * it out: for the Flink runner (Beam 2.62), whose split enumerator, restored from a checkpoint, splits
 * the source again and assigns every split anew beside the splits its readers restore with their
 * checkpoint marks. Unguarded, each restored split is then read twice: from its checkpoint and from
 * the start (a watched directory's files, a Kafka partition's offsets again).
 *
 * <p>Each split is numbered. A reader restored from a checkpoint mark is shared in this JVM while it
 * is open: a reader asked for without a mark, for a split whose restored reader is open here, reads
 * through that same reader, so each record is read once, both report the same watermark and either
 * gives the same checkpoint mark (the runner keeps one reader per split number for its checkpoints,
 * the last one made). The runner restores a subtask's own splits before it takes new ones, and gives
 * split N to the same subtask again as long as the parallelism stays the same: restart a job with the
 * parallelism it had.
 *
 * @param <T> the records read
 * @param <C> the wrapped source's checkpoint mark
 */
public final class SplitOnceSource<T, C extends UnboundedSource.CheckpointMark> extends ForwardingUnboundedSource<T, C> {
  private static final Logger LOG = LoggerFactory.getLogger(SplitOnceSource.class);
  private static final Map<String, SharedReader<?>> RESTORED_READERS = new ConcurrentHashMap<>();
  private static final int UNSPLIT = -1;

  private final String identity;
  private final int split;

  private SplitOnceSource(UnboundedSource<T, C> source, String identity, int split) {
    super(source);
    this.identity = Objects.requireNonNull(identity, "identity");
    this.split = split;
  }

  /**
   * Guards {@code source}, named by {@code identity} (the same for the same input across runs, such
   * as a directory or a broker and topics).
   */
  public static <T, C extends UnboundedSource.CheckpointMark> SplitOnceSource<T, C> of(
      UnboundedSource<T, C> source, String identity) {
    return new SplitOnceSource<>(source, identity, UNSPLIT);
  }

  /** Whether a reader restored from a checkpoint mark reads split {@code split} of {@code identity} in this JVM. */
  static boolean isRestoredHere(String identity, int split) {
    return RESTORED_READERS.containsKey(key(identity, split));
  }

  private static String key(String identity, int split) {
    return identity + "#" + split;
  }

  @Override
  public List<SplitOnceSource<T, C>> split(int desiredNumSplits, PipelineOptions options) throws Exception {
    List<? extends UnboundedSource<T, C>> splits = source.split(desiredNumSplits, options);
    List<SplitOnceSource<T, C>> numbered = new ArrayList<>(splits.size());
    for (int i = 0; i < splits.size(); i++) {
      numbered.add(new SplitOnceSource<>(splits.get(i), identity, i));
    }
    return numbered;
  }

  @Override
  @SuppressWarnings("unchecked")
  public UnboundedReader<T> createReader(PipelineOptions options, @Nullable C mark) throws IOException {
    String key = key(identity, split);
    if (mark == null) {
      SharedReader<T> restored = (SharedReader<T>) RESTORED_READERS.get(key);
      if (restored != null && restored.share()) {
        LOG.info("Split {} of {} is read from its checkpoint in this JVM: the copy the runner assigned again "
            + "reads through the same reader", split, identity);
        return new GuardedReader<>(this, restored);
      }
      return new GuardedReader<>(this, new SharedReader<>(source.createReader(options, null), null));
    }
    SharedReader<T> restored = new SharedReader<>(source.createReader(options, mark), key);
    RESTORED_READERS.put(key, restored);
    return new GuardedReader<>(this, restored);
  }

  /** A wrapped reader, started once and closed when the last reader sharing it closes. */
  private static final class SharedReader<T> {
    private final UnboundedReader<T> reader;
    private final @Nullable String registeredAs;
    private int users = 1;
    private boolean started;

    SharedReader(UnboundedReader<T> reader, @Nullable String registeredAs) {
      this.reader = reader;
      this.registeredAs = registeredAs;
    }

    /** Adds a user; false once the reader is closed. */
    synchronized boolean share() {
      if (users == 0) {
        return false;
      }
      users++;
      return true;
    }

    /** The first user's start starts the reader; a later user's moves it on. */
    synchronized boolean start() throws IOException {
      if (started) {
        return reader.advance();
      }
      started = true;
      return reader.start();
    }

    synchronized void release() throws IOException {
      if (--users > 0) {
        return;
      }
      try {
        reader.close();
      } finally {
        if (registeredAs != null) {
          RESTORED_READERS.remove(registeredAs, this);
        }
      }
    }
  }

  /** Reads through a (possibly shared) wrapped reader. */
  private static final class GuardedReader<T, C extends UnboundedSource.CheckpointMark> extends UnboundedReader<T> {
    private final SplitOnceSource<T, C> source;
    private final SharedReader<T> shared;
    private boolean closed;

    GuardedReader(SplitOnceSource<T, C> source, SharedReader<T> shared) {
      this.source = source;
      this.shared = shared;
    }

    @Override
    public boolean start() throws IOException {
      return shared.start();
    }

    @Override
    public boolean advance() throws IOException {
      return shared.reader.advance();
    }

    @Override
    public T getCurrent() {
      return shared.reader.getCurrent();
    }

    @Override
    public Instant getCurrentTimestamp() {
      return shared.reader.getCurrentTimestamp();
    }

    @Override
    public byte[] getCurrentRecordId() {
      return shared.reader.getCurrentRecordId();
    }

    @Override
    public Instant getWatermark() {
      return shared.reader.getWatermark();
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return shared.reader.getCheckpointMark();
    }

    @Override
    public long getSplitBacklogBytes() {
      return shared.reader.getSplitBacklogBytes();
    }

    @Override
    public long getTotalBacklogBytes() {
      return shared.reader.getTotalBacklogBytes();
    }

    @Override
    public UnboundedSource<T, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        shared.release();
      }
    }
  }
}
