package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionFunnelCountsCoder;
import io.funnelpulse.model.SessionRow;
import io.funnelpulse.model.SessionRowCoder;
import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionVersion;
import io.funnelpulse.model.SessionVersionCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.GroupArrivals;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The session funnels of the job from the pre-aggregated runs of {@link SessionRunPartials}. In a
 * stream: {@link Sessionize} (session windows), the {@link SessionLedgerFn} (whole sessions, versions,
 * changes) and {@link SessionFunnelTotalsFn} (the hourly groups); bounded input merges each session
 * key's runs by the same gap rule at once and writes each session once (RunnerWorkarounds #8). Outputs {@link #SESSIONS}, a row per version of a
 * session and brand, in the session's window, and {@link #HOURLY}, the rows of
 * {@code session_funnel_hourly_brand}. The lateness of the session windows must cover what the fixed
 * windows accept ({@link #latenessFor}).
 *
 * <pre>{@code
 * PCollectionTuple sessions = partials.get(sessionRuns.tag()).apply("SessionFunnels",
 *     SessionFunnels.withGap(Duration.standardMinutes(30)).rolledUpBy(Duration.standardHours(1))
 *         .withAllowedLateness(SessionFunnels.latenessFor(Duration.standardHours(1), Duration.standardHours(2))));
 * }</pre>
 */
public final class SessionFunnels extends PTransform<PCollection<KV<String, SessionRuns>>, PCollectionTuple> {
  /** Rows of the {@code sessions} table: a version of a session and one of its brands (the row key). */
  public static final TupleTag<WindowRow<String, SessionRow>> SESSIONS =
      new TupleTag<WindowRow<String, SessionRow>>() {};
  /** Rows of the hourly session funnel per brand. */
  public static final TupleTag<WindowRow<String, SessionFunnelCounts>> HOURLY =
      new TupleTag<WindowRow<String, SessionFunnelCounts>>() {};
  /** Session counts of one hourly group (brand, window start), for bounded input. */
  static final TupleTag<KV<KV<String, Long>, SessionFunnelCounts>> GROUP_COUNTS =
      new TupleTag<KV<KV<String, Long>, SessionFunnelCounts>>() {};

  /** How long (event time) the ledger keeps a session after no event could join it, in a stream. */
  static final Duration LEDGER_HORIZON = Duration.standardDays(1);
  /**
   * How many buckets the ledger spreads session keys over in a stream: the more, the smaller each
   * bucket's map of sessions, which the Spark runner decodes and encodes whole on every access.
   */
  static final int LEDGER_BUCKETS = 4096;
  /** How many groups bounded input merges sessions in (each a bundle on the Direct runner). */
  static final int BOUNDED_BUCKETS = 512;

  private final Sessionize sessionize;
  private final Duration gap;
  private final Duration window;
  private final Duration allowedLateness;

  private SessionFunnels(Sessionize sessionize, Duration gap, Duration window, Duration allowedLateness) {
    this.sessionize = sessionize;
    this.gap = Objects.requireNonNull(gap, "gap");
    this.window = Objects.requireNonNull(window, "window");
    this.allowedLateness = Objects.requireNonNull(allowedLateness, "allowedLateness");
  }

  /** Sessions of {@code gap}, rolled up by the hour of their start, no lateness, no early firings. */
  public static SessionFunnels withGap(Duration gap) {
    return new SessionFunnels(Sessionize.withGap(gap), gap, Duration.standardHours(1), Duration.ZERO);
  }

  /**
   * The session windows' lateness for fixed windows of {@code window} with {@code allowedLateness}: a
   * window longer, so that no event the fixed windows accept is too late for its session.
   */
  public static Duration latenessFor(Duration window, Duration allowedLateness) {
    return allowedLateness.plus(window);
  }

  /** A copy rolling sessions up by windows of {@code size} of their start. */
  public SessionFunnels rolledUpBy(Duration size) {
    return new SessionFunnels(sessionize, gap, size, allowedLateness);
  }

  /** A copy whose session windows accept late events for {@code lateness}. */
  public SessionFunnels withAllowedLateness(Duration lateness) {
    return new SessionFunnels(sessionize.withAllowedLateness(lateness), gap, window, lateness);
  }

  /** A copy whose session windows fire early panes this long after a pane's first element. */
  public SessionFunnels withEarlyFiringDelay(Duration delay) {
    return new SessionFunnels(sessionize.withEarlyFiringDelay(delay), gap, window, allowedLateness);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, SessionRuns>> partials) {
    return RunnerWorkarounds.keepsSessionLedger(partials) ? streamed(partials) : bounded(partials);
  }

  /**
   * Bounded input: every run of a session key is there, so each key's runs are merged by the gap rule
   * at once ({@link SessionRuns#add}, the rule {@link SessionWindows} applies), grouped by ledger
   * bucket; each session is written once, final, and summed into its hourly groups.
   */
  private PCollectionTuple bounded(PCollection<KV<String, SessionRuns>> partials) {
    PCollectionTuple sessions = partials
        .apply("KeyRunsByBucket", ParDo.of(new KeyRunsByBucketFn(BOUNDED_BUCKETS)))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), SessionRunsCoder.of())))
        .apply("RunsIntoGlobalWindow", Window.into(new GlobalWindows()))
        .apply("GroupRunsByBucket", GroupByKey.create())
        .apply("WholeSessions", ParDo.of(new WholeSessionsFn(gap.getMillis(), window.getMillis()))
            .withOutputTags(SessionLedgerFn.VERSIONS, TupleTagList.of(GROUP_COUNTS)));
    PCollection<WindowRow<String, SessionRow>> versions = rowsPerBrand(
        sessions.get(SessionLedgerFn.VERSIONS).setCoder(SessionVersionCoder.of()));
    PCollection<WindowRow<String, SessionFunnelCounts>> hourly = sessions.get(GROUP_COUNTS)
        .setCoder(KvCoder.of(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), VarLongCoder.of()),
            SessionFunnelCountsCoder.of()))
        .apply("SumGroups", Combine.perKey(new SumCountsFn()))
        .apply("ToHourlyRows", ParDo.of(new ToHourlyRowFn(window.getMillis())))
        .setCoder(WindowRowCoder.of(NullableCoder.of(StringUtf8Coder.of()), SessionFunnelCountsCoder.of()));
    return PCollectionTuple.of(SESSIONS, versions).and(HOURLY, hourly);
  }

  private PCollection<WindowRow<String, SessionRow>> rowsPerBrand(PCollection<SessionVersion> versions) {
    return versions
        .apply("RowPerBrand", ParDo.of(new RowPerBrandFn(gap.getMillis())))
        .setCoder(WindowRowCoder.of(NullableCoder.of(StringUtf8Coder.of()), SessionRowCoder.of()));
  }

  /** A stream: session windows, then the ledger makes whole sessions of their panes (RunnerWorkarounds #8). */
  private PCollectionTuple streamed(PCollection<KV<String, SessionRuns>> partials) {
    boolean mapsInOneValue = RunnerWorkarounds.keepsMapStateAsOneValue(partials.getPipeline().getOptions());
    PCollectionTuple ledger = partials
        .apply("Sessionize", sessionize)
        .apply("KeyByBucket", ParDo.of(new KeyByBucketFn(LEDGER_BUCKETS)))
        .setCoder(KvCoder.of(VarIntCoder.of(), SessionFragmentCoder.of()))
        .apply("IntoGlobalWindow", Window.into(new GlobalWindows()))
        .apply("GatherFragmentsPerBundle", ParDo.of(new GroupPerBundleFn<Integer, SessionFragment>()))
        .setCoder(KvCoder.of(VarIntCoder.of(), ListCoder.of(SessionFragmentCoder.of())))
        .apply("KeepSessionLedger",
            ParDo.of(new SessionLedgerFn(gap.getMillis(), allowedLateness.getMillis(), window.getMillis(),
                LEDGER_HORIZON.getMillis(), mapsInOneValue))
                .withOutputTags(SessionLedgerFn.VERSIONS, TupleTagList.of(SessionLedgerFn.DELTAS)));
    PCollection<WindowRow<String, SessionRow>> versions =
        rowsPerBrand(ledger.get(SessionLedgerFn.VERSIONS).setCoder(SessionVersionCoder.of()));
    // Running totals per group in state, each change written as the group's next pane.
    PCollection<WindowRow<String, SessionFunnelCounts>> hourly = ledger
        .get(SessionLedgerFn.DELTAS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SessionFunnelDeltaCoder.of()))
        .apply("GatherChangesPerBundle", ParDo.of(new GroupPerBundleFn<String, SessionFunnelDelta>()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(SessionFunnelDeltaCoder.of())))
        .apply("GroupChangesPerArrival", GroupArrivals.perKey())
        .apply("KeepHourlyTotals", ParDo.of(new SessionFunnelTotalsFn(window.getMillis(), gap.getMillis(), mapsInOneValue)))
        .setCoder(WindowRowCoder.of(NullableCoder.of(StringUtf8Coder.of()), SessionFunnelCountsCoder.of()));
    return PCollectionTuple.of(SESSIONS, versions).and(HOURLY, hourly);
  }

  /** Keys a session key's runs by its ledger bucket. */
  static final class KeyRunsByBucketFn extends DoFn<KV<String, SessionRuns>, KV<Integer, KV<String, SessionRuns>>> {
    private final int buckets;

    KeyRunsByBucketFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void processElement(@Element KV<String, SessionRuns> runs, OutputReceiver<KV<Integer, KV<String, SessionRuns>>> out) {
      out.output(KV.of(SessionLedgerFn.bucketOf(runs.getKey(), buckets), runs));
    }
  }

  /**
   * The whole sessions of a bucket of session keys: each key's runs merged by the gap rule, each
   * session written as its one final version, and its counts per brand added to its hourly group. The
   * groups' counts are summed over the bundle and sent on when it ends, one per group and bundle
   * instead of one per session and brand.
   */
  static final class WholeSessionsFn extends DoFn<KV<Integer, Iterable<KV<String, SessionRuns>>>, SessionVersion> {
    private final long gapMillis;
    private final long windowMillis;
    private transient Map<KV<String, Long>, SessionFunnelCounts> groups;

    WholeSessionsFn(long gapMillis, long windowMillis) {
      this.gapMillis = gapMillis;
      this.windowMillis = windowMillis;
    }

    @StartBundle
    public void startBundle() {
      groups = new HashMap<>();
    }

    @ProcessElement
    public void processElement(@Element KV<Integer, Iterable<KV<String, SessionRuns>>> bucket, MultiOutputReceiver out) {
      Map<String, SessionRuns> byKey = new HashMap<>();
      for (KV<String, SessionRuns> partial : bucket.getValue()) {
        SessionRuns merged = byKey.getOrDefault(partial.getKey(), SessionRuns.empty());
        for (SessionSummary run : partial.getValue().runs()) {
          merged = merged.add(run, gapMillis);
        }
        byKey.put(partial.getKey(), merged);
      }
      byKey.forEach((key, runs) -> {
        for (SessionSummary session : runs.runs()) {
          out.get(SessionLedgerFn.VERSIONS).output(new SessionVersion(key, session, 0, PaneInfo.Timing.ON_TIME, false));
          long windowStart = session.startMillis() - Math.floorMod(session.startMillis(), windowMillis);
          for (String brand : session.brands()) {
            groups.merge(KV.of(brand, windowStart), SessionFunnelCounts.ofSession(session.steps(brand)), SessionFunnelCounts::plus);
          }
        }
      });
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      Instant timestamp = GlobalWindow.INSTANCE.maxTimestamp();
      groups.forEach((group, counts) -> context.output(GROUP_COUNTS, KV.of(group, counts), timestamp, GlobalWindow.INSTANCE));
      groups = null;
    }
  }

  /** A row per brand of a session's version, in the session's window, the version as pane index. */
  static final class RowPerBrandFn extends DoFn<SessionVersion, WindowRow<String, SessionRow>> {
    private final long gapMillis;

    RowPerBrandFn(long gapMillis) {
      this.gapMillis = gapMillis;
    }

    @ProcessElement
    public void processElement(@Element SessionVersion version, OutputReceiver<WindowRow<String, SessionRow>> out) {
      long start = version.summary().startMillis();
      long end = version.summary().lastMillis() + gapMillis + 1;
      PaneFacts pane = PaneFacts.of(version.timing(), version.version(), false);
      for (String brand : version.summary().brands()) {
        out.output(WindowRow.of(start, end, brand, SessionRow.of(version, brand), pane));
      }
    }
  }

  /** Adds session funnel counts. */
  static final class SumCountsFn extends Combine.BinaryCombineFn<SessionFunnelCounts> {
    @Override
    public SessionFunnelCounts apply(SessionFunnelCounts left, SessionFunnelCounts right) {
      return left.plus(right);
    }

    @Override
    public SessionFunnelCounts identity() {
      return SessionFunnelCounts.zero();
    }
  }

  /** A group's total of a bounded input as its one, final row. */
  static final class ToHourlyRowFn extends DoFn<KV<KV<String, Long>, SessionFunnelCounts>, WindowRow<String, SessionFunnelCounts>> {
    private final long windowMillis;

    ToHourlyRowFn(long windowMillis) {
      this.windowMillis = windowMillis;
    }

    @ProcessElement
    public void processElement(
        @Element KV<KV<String, Long>, SessionFunnelCounts> total, OutputReceiver<WindowRow<String, SessionFunnelCounts>> out) {
      long start = total.getKey().getValue();
      out.output(WindowRow.of(start, start + windowMillis, total.getKey().getKey(), total.getValue(),
          PaneFacts.of(PaneInfo.Timing.ON_TIME, 0, true)));
    }
  }

  /** Keys a fragment by its session key's ledger bucket. */
  static final class KeyByBucketFn extends DoFn<SessionFragment, KV<Integer, SessionFragment>> {
    private final int buckets;

    KeyByBucketFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void processElement(@Element SessionFragment fragment, OutputReceiver<KV<Integer, SessionFragment>> out) {
      out.output(KV.of(SessionLedgerFn.bucketOf(fragment.key(), buckets), fragment));
    }
  }
}
