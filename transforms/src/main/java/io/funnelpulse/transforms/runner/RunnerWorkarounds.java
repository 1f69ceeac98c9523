package io.funnelpulse.transforms.runner;

import java.util.Collection;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.values.PCollection;

/**
 * The one seam where the transforms depart from plain Beam because of what a runner does: every
 * transform that builds a different graph for a stream asks here, so this list is complete. Each
 * entry says what the workaround does, why, and which test fails without it (the job-level ones,
 * in the pipelines module, are listed in {@code docs/layout.md}).
 *
 * <ol>
 *   <li><b>Running totals in state</b> ({@link #accumulatesPanesInState}): the Spark runner's streaming
 *       mode does not honour accumulating panes (a pane holds only what arrived since the last one). On a
 *       stream the windowing fires discarding panes and {@code AccumulatePanesFn} keeps each window's and
 *       key's total in state, so every pane written is the full value so far, on every runner. Without
 *       it the Spark streaming runs write partial panes and their final view is short: {@code
 *       StreamingRestartTest}, {@code MalformedInputCorpusTest} (Spark streaming) fail.
 *   <li><b>Repeated panes dropped</b> (inside {@code AccumulatePanesFn}): the same mode (and the Flink
 *       runner, once a window's state is cleared) fires the timers of windows it already fired again, as
 *       empty ON_TIME panes with index 0, first and last; a pane whose index is
 *       not above the last one taken is dropped (counted in {@code funnelpulse.panes}), or the window's
 *       total would be written again under an older pane. Test: {@code AccumulatePanesFnTest}.
 *   <li><b>Anomalies judged pane by pane in state</b> ({@link #judgesPanesInState}): a stream's funnel
 *       rows are re-windowed into the global window, where a grouping would fire only at the end of
 *       time; a brand's rows are grouped as they arrive (a trigger per element: a bundle, a Spark
 *       micro-batch) and taken in window order, its recent windows and evidence runs are kept in
 *       state and the windows up to an ON_TIME pane's are judged, in order, when it arrives. A bounded input is grouped per brand and
 *       judged as a series. Tests: {@code DetectAnomaliesTest} (a TestStream on Direct alerts like the
 *       batch run), {@code AnomalyJobTest} (a stream on the Spark runner alerts like the batch run).
 *   <li><b>Writes flushed on processing time</b> ({@link #writesPerFlush}): a stream's rows are
 *       re-windowed into the global window and written by processing-time flushes, one file per
 *       partition and flush, discarding what was written; bounded rows are written once. On Spark
 *       streaming a grouped bag is re-read for every element added, so the rows of a bundle travel as
 *       one list per partition ({@code BatchPerPartitionFn}). Test: {@code WatchedDirectoryJobTest}.
 *   <li><b>Writes without stable input on Spark</b> ({@link #honoursStableInput}): a file write's input is
 *       marked {@code @RequiresStableInput}, so that the Flink runner writes only what a completed
 *       checkpoint covers and a restarted job rewrites the same files with the same rows. The Spark
 *       runner refuses a pipeline with that mark; there the write goes without it (its files are named
 *       by partition and pane, so a replay after a restart replaces them). Test: {@code
 *       StreamingRestartTest} (Flink: kill and restart, no duplicate pane) and every Spark run.
 *   <li><b>Kafka read by one reader on Spark</b> ({@link #readsKafkaWithOneReader}): the Spark runner's
 *       streaming mode keeps one watermark for the whole source, the most advanced reader's, so a
 *       partition that lags behind the others would see its records dropped as late; there every
 *       partition is read by one reader whose watermark is the least advanced partition's. Other
 *       runners read each partition with a reader of its own, in parallel, with a watermark per split.
 *       Test: {@code KafkaJobTest} (a lagging partition loses nothing, on Spark and on Flink).
 *   <li><b>Each split read once after a restore on Flink</b> ({@link #assignsRestoredSplitsAgain}): the
 *       Flink runner's split enumerator, restored from a checkpoint, splits a source again and assigns
 *       every split anew beside the ones its readers restore with their checkpoint marks, so a resumed
 *       job read its input twice (a watched directory from its first file, Kafka from the starting
 *       offsets). There the sources are wrapped in {@code SplitOnceSource}, which leaves the second copy
 *       of a restored split idle. Test: {@code StreamingRestartTest} (Flink: the resumed run reads only
 *       what the killed one had not, and its final view equals DuckDB's), {@code SplitOnceSourceTest}.
 *   <li><b>Sessions made whole in a ledger</b> ({@link #keepsSessionLedger}): the Spark runner's
 *       streaming mode does not merge a late event's session window with a window that already fired
 *       (the late event comes as a session of its own, ON_TIME, index 0), and it has no timers. On a
 *       stream, on every runner, the session windows fire discarding panes and {@code SessionLedgerFn}
 *       merges them into whole sessions in state, keyed by a bucket of session keys so that every key
 *       keeps getting input; it lets a session go a horizon after no event could join it (the clock: the
 *       latest end of a session seen ON_TIME). Bounded input has every run of a session at once: each
 *       key's runs are merged by the same gap rule in one grouping by bucket (on the Direct runner a
 *       grouping by session window makes a bundle per session, and the writes behind it then copy their
 *       bags per bundle: the 200,000-event sample took 183 s on the Direct runner, now 41 s). Test: {@code SessionPanesTest} (a
 *       late event bridging two sessions is counted once), {@code WatchedDirectoryJobTest} and the
 *       streaming end-to-end tests on Spark and Flink ({@code verify}'s session checks).
 *   <li><b>A map state never left empty</b> ({@link #removeFromMapState}): the Spark runner's streaming
 *       mode keeps a {@code MapState} as one map encoded between micro-batches, and an empty map decodes
 *       as an immutable one, so the next {@code put} fails with {@code UnsupportedOperationException};
 *       a map state emptied by removals is cleared instead (its {@code isEmpty()} there only says whether
 *       the state is absent). Found by the month through the streaming benchmark on Spark (the session
 *       funnel's totals let go of every closed group of a brand); test: {@code MapStateOnSparkTest}.
 *   <li><b>Maps kept as one value on Spark</b> ({@link #keepsMapStateAsOneValue}): the same mode
 *       decodes and re-encodes a whole {@code MapState} on every {@code get}, {@code put} and {@code
 *       remove}, so the session ledger paid for its whole bucket two or three times per fragment (and
 *       once per session let go), and the hourly session totals for a brand's every open hour. There
 *       the ledger's bucket and a brand's hourly groups are each one {@code ValueState} holding the
 *       map, read once and written once per element; elsewhere (Flink with RocksDB keeps each entry
 *       apart) they stay map states ({@code MapInState} is both). Each element is a key's values of a
 *       bundle ({@code GroupPerBundleFn}); the hourly totals get a brand's whole arrival ({@code
 *       GroupArrivals}: on Spark a micro-batch) and let closed groups go only after it. The month through the streaming benchmark on Spark is the
 *       measure ({@code docs/benchmarks.md}); tests: {@code SessionLedgerHorizonTest} (both states),
 *       {@code WatchedDirectoryJobTest} and {@code StreamingRestartTest} on Spark ({@code verify}'s
 *       session checks).
 * </ol>
 *
 * <p>The runner is told by its class's simple name, so that this module depends on no runner.
 */
public final class RunnerWorkarounds {
  private static final String SPARK_RUNNER = "SparkRunner";
  private static final String FLINK_RUNNER = "FlinkRunner";

  private RunnerWorkarounds() {}

  /** Whether {@code input}'s windows fire discarding panes whose totals are kept in state (a stream). */
  public static boolean accumulatesPanesInState(PCollection<?> input) {
    return isStream(input);
  }

  /** Whether anomalies of {@code rows} are judged pane by pane with history in state (a stream). */
  public static boolean judgesPanesInState(PCollection<?> rows) {
    return isStream(rows);
  }

  /** Whether {@code rows} are written by processing-time flushes rather than once (a stream). */
  public static boolean writesPerFlush(PCollection<?> rows) {
    return isStream(rows);
  }

  /** Whether the runner of {@code options} accepts {@code @RequiresStableInput} (every runner but Spark). */
  public static boolean honoursStableInput(PipelineOptions options) {
    return !isSpark(options);
  }

  /** Whether every Kafka partition is read by one reader (the Spark runner) instead of one reader each. */
  public static boolean readsKafkaWithOneReader(PipelineOptions options) {
    return isSpark(options);
  }

  /** Whether a restored job may be handed a split of a source again beside its restored copy. */
  public static boolean assignsRestoredSplitsAgain(PipelineOptions options) {
    return isRunner(options, FLINK_RUNNER);
  }

  /** Whether sessions of {@code partials} are made whole by the ledger, over session windows (a stream). */
  public static boolean keepsSessionLedger(PCollection<?> partials) {
    return isStream(partials);
  }

  /** Whether a map kept per key is better held as one value (the Spark runner: see #10). */
  public static boolean keepsMapStateAsOneValue(PipelineOptions options) {
    return isSpark(options);
  }

  /** Removes {@code keys} from {@code state}, and clears it when nothing is left (see #9). */
  public static <K, V> void removeFromMapState(MapState<K, V> state, Collection<K> keys) {
    if (keys.isEmpty()) {
      return;
    }
    keys.forEach(state::remove);
    // Not isEmpty(): on the Spark runner it says whether the state is absent, and an empty map is present.
    if (!state.keys().read().iterator().hasNext()) {
      state.clear();
    }
  }

  private static boolean isSpark(PipelineOptions options) {
    return isRunner(options, SPARK_RUNNER);
  }

  private static boolean isRunner(PipelineOptions options, String simpleName) {
    return options.getRunner() != null && options.getRunner().getSimpleName().equals(simpleName);
  }

  private static boolean isStream(PCollection<?> input) {
    return input.isBounded() == PCollection.IsBounded.UNBOUNDED;
  }
}
