package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionFunnelCountsCoder;
import io.funnelpulse.model.SessionVersion;
import io.funnelpulse.model.SessionVersionCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * The session funnels of the job from the pre-aggregated runs of {@link SessionRunPartials}: {@link
 * Sessionize} (session windows), the {@link SessionLedgerFn} (whole sessions, versions, changes) and
 * {@link SessionFunnelTotalsFn} (the hourly groups). Outputs {@link #SESSIONS}, a row per version of a
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
  public static final TupleTag<WindowRow<String, SessionVersion>> SESSIONS =
      new TupleTag<WindowRow<String, SessionVersion>>() {};
  /** Rows of the hourly session funnel per brand. */
  public static final TupleTag<WindowRow<String, SessionFunnelCounts>> HOURLY =
      new TupleTag<WindowRow<String, SessionFunnelCounts>>() {};
  /** How long (event time) the ledger keeps a session after no event could join it, in a stream. */
  static final Duration LEDGER_HORIZON = Duration.standardDays(1);
  /** How many buckets the ledger spreads session keys over. */
  static final int LEDGER_BUCKETS = 512;

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
    long horizon = partials.isBounded() == PCollection.IsBounded.BOUNDED ? SessionLedgerFn.KEEP_ALL
        : LEDGER_HORIZON.getMillis();
    PCollectionTuple ledger = partials
        .apply("Sessionize", sessionize)
        .apply("KeyByBucket", ParDo.of(new KeyByBucketFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), SessionFragmentCoder.of()))
        .apply("IntoGlobalWindow", Window.into(new GlobalWindows()))
        .apply("KeepSessionLedger",
            ParDo.of(new SessionLedgerFn(gap.getMillis(), allowedLateness.getMillis(), window.getMillis(), horizon))
                .withOutputTags(SessionLedgerFn.VERSIONS, TupleTagList.of(SessionLedgerFn.DELTAS)));
    PCollection<WindowRow<String, SessionVersion>> versions = ledger
        .get(SessionLedgerFn.VERSIONS)
        .setCoder(SessionVersionCoder.of())
        .apply("RowPerBrand", ParDo.of(new RowPerBrandFn(gap.getMillis())))
        .setCoder(WindowRowCoder.of(NullableCoder.of(StringUtf8Coder.of()), SessionVersionCoder.of()));
    PCollection<WindowRow<String, SessionFunnelCounts>> hourly = ledger
        .get(SessionLedgerFn.DELTAS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SessionFunnelDeltaCoder.of()))
        .apply("KeepHourlyTotals", ParDo.of(new SessionFunnelTotalsFn(window.getMillis(),
            horizon == SessionLedgerFn.KEEP_ALL ? SessionLedgerFn.KEEP_ALL : gap.getMillis())))
        .setCoder(WindowRowCoder.of(NullableCoder.of(StringUtf8Coder.of()), SessionFunnelCountsCoder.of()));
    return PCollectionTuple.of(SESSIONS, versions).and(HOURLY, hourly);
  }

  /** A row per brand of a session's version, in the session's window, the version as pane index. */
  static final class RowPerBrandFn extends DoFn<SessionVersion, WindowRow<String, SessionVersion>> {
    private final long gapMillis;

    RowPerBrandFn(long gapMillis) {
      this.gapMillis = gapMillis;
    }

    @ProcessElement
    public void processElement(@Element SessionVersion version, OutputReceiver<WindowRow<String, SessionVersion>> out) {
      long start = version.summary().startMillis();
      long end = version.summary().lastMillis() + gapMillis + 1;
      PaneFacts pane = PaneFacts.of(version.timing(), version.version(), false);
      for (String brand : version.summary().brands()) {
        out.output(WindowRow.of(start, end, brand, version, pane));
      }
    }
  }

  /** Keys a fragment by its session key's ledger bucket. */
  static final class KeyByBucketFn extends DoFn<SessionFragment, KV<Integer, SessionFragment>> {
    @ProcessElement
    public void processElement(@Element SessionFragment fragment, OutputReceiver<KV<Integer, SessionFragment>> out) {
      out.output(KV.of(SessionLedgerFn.bucketOf(fragment.key(), LEDGER_BUCKETS), fragment));
    }
  }
}
