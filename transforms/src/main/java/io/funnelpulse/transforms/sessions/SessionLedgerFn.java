package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionVersion;
import io.funnelpulse.model.SessionVersionCoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Makes whole sessions of {@link SessionFragment}s and says what changed. Per session key it keeps the
 * latest version of each session still open to change; a fragment is merged with every kept session it
 * joins (a late event bridging two sessions joins both), and the merged session is written as the next
 * version of the session that starts where it starts ({@link #VERSIONS}); a joined session that starts
 * elsewhere gets a last, superseded version. The hourly groups get the changes ({@link #DELTAS}): each
 * replaced version taken away, the merged one added.
 *
 * <p>Why a ledger: session panes discard (on every runner, so the graph is one), and the Spark runner's
 * streaming mode does not even merge a late event's window with a window that already fired; only
 * state that outlives the windows sees a session whole. Why keyed by bucket (a hash of the session key)
 * and not by session: a runner without timers (Spark streaming) clears a key's state only when the key
 * gets input again, and a session key is rarely seen again; a bucket gets input all the time. Each
 * bucket forgets a session a horizon after no event could join it any more: its clock is the latest
 * end of a session seen in an ON_TIME pane (the watermark has passed it). A session that goes on
 * growing in the runner for longer than the horizon after the ledger last saw it would be counted as
 * two; the horizon is a day by default ({@link #closesAt}). An element is a bucket's fragments of a
 * bundle ({@link GroupPerBundleFn}), applied in order with one read and one write of the bucket.
 */
public final class SessionLedgerFn extends DoFn<KV<Integer, List<SessionFragment>>, SessionVersion> {
  /** Versions of sessions, for the {@code sessions} table. */
  public static final TupleTag<SessionVersion> VERSIONS = new TupleTag<SessionVersion>() {};
  /** Changes of the hourly groups, keyed by {@link SessionFunnelDelta#groupKey()}. */
  public static final TupleTag<KV<String, SessionFunnelDelta>> DELTAS = new TupleTag<KV<String, SessionFunnelDelta>>() {};

  private final Counter merged = Metrics.counter(MetricNames.SESSIONS, MetricNames.SESSIONS_MERGED);
  private final Counter forgotten = Metrics.counter(MetricNames.SESSIONS, MetricNames.SESSIONS_CLOSED);
  private final Distribution kept = Metrics.distribution(MetricNames.SESSIONS, MetricNames.SESSIONS_KEPT);
  private final long gapMillis;
  private final long latenessMillis;
  private final long windowMillis;
  private final long horizonMillis;
  private final boolean bucketInOneValue;

  @StateId("sessions")
  private final StateSpec<MapState<String, List<SessionVersion>>> sessionsSpec =
      StateSpecs.map(StringUtf8Coder.of(), ListCoder.of(SessionVersionCoder.of()));

  @StateId("bucket")
  private final StateSpec<ValueState<Map<String, List<SessionVersion>>>> bucketSpec =
      StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), ListCoder.of(SessionVersionCoder.of())));

  @StateId("clock")
  private final StateSpec<ValueState<Long>> clockSpec = StateSpecs.value(VarLongCoder.of());

  @StateId("forgottenAt")
  private final StateSpec<ValueState<Long>> forgottenAtSpec = StateSpecs.value(VarLongCoder.of());

  /**
   * Sessions of {@code gapMillis}, whose windows accept late events for {@code latenessMillis}, rolled
   * up into windows of {@code windowMillis} of their start, each kept {@code horizonMillis} of event
   * time longer than an event could still join it; with {@code bucketInOneValue} a bucket's sessions
   * are kept as one value rather than a map state ({@link MapInState}).
   */
  public SessionLedgerFn(
      long gapMillis, long latenessMillis, long windowMillis, long horizonMillis, boolean bucketInOneValue) {
    this.gapMillis = gapMillis;
    this.latenessMillis = latenessMillis;
    this.windowMillis = windowMillis;
    this.horizonMillis = horizonMillis;
    this.bucketInOneValue = bucketInOneValue;
  }

  /** The bucket of a session key among {@code buckets}. */
  public static int bucketOf(String sessionKey, int buckets) {
    return Math.floorMod(sessionKey.hashCode(), buckets);
  }

  /** Applies a bucket's fragments in their order, reading and writing the bucket's state once. */
  @ProcessElement
  public void processElement(
      @Element KV<Integer, List<SessionFragment>> element,
      @StateId("sessions") MapState<String, List<SessionVersion>> sessionMap,
      @StateId("bucket") ValueState<Map<String, List<SessionVersion>>> sessionValue,
      @StateId("clock") ValueState<Long> clockState,
      @StateId("forgottenAt") ValueState<Long> forgottenAtState,
      MultiOutputReceiver out) {
    MapInState<String, List<SessionVersion>> sessions = bucketInOneValue
        ? MapInState.wholeInOneValue(sessionValue) : MapInState.entryByEntry(sessionMap);
    Long storedClock = clockState.read();
    long clock = storedClock == null ? Long.MIN_VALUE : storedClock;
    for (SessionFragment fragment : element.getValue()) {
      clock = apply(fragment, sessions, clock, out);
    }
    if (storedClock == null ? clock != Long.MIN_VALUE : clock != storedClock) {
      clockState.write(clock);
    }
    Long forgottenAt = forgottenAtState.read();
    if (clock != Long.MIN_VALUE && (forgottenAt == null || clock - forgottenAt >= gapMillis)) {
      forgetClosedSessions(sessions, clock);
      forgottenAtState.write(clock);
    }
    sessions.flush();
  }

  /** Merges {@code fragment} into the bucket, writes the new versions and changes, returns the clock. */
  private long apply(
      SessionFragment fragment, MapInState<String, List<SessionVersion>> sessions, long clockBefore,
      MultiOutputReceiver out) {
    List<SessionVersion> kept = sessions.get(fragment.key());
    List<SessionVersion> joined = new ArrayList<>();
    List<SessionVersion> rest = new ArrayList<>();
    SessionSummary whole = fragment.summary();
    for (SessionVersion version : kept == null ? List.<SessionVersion>of() : kept) {
      if (version.summary().joins(fragment.summary(), gapMillis)) {
        joined.add(version);
      } else {
        rest.add(version);
      }
    }
    for (SessionVersion version : joined) {
      whole = whole.merge(version.summary());
    }
    long clock = fragment.timing() == PaneInfo.Timing.ON_TIME
        ? Math.max(clockBefore, windowEnd(fragment.summary())) : clockBefore;
    long nextVersion = 0;
    Map<String, SessionFunnelDelta> deltas = new LinkedHashMap<>();
    for (SessionVersion version : joined) {
      SessionSummary old = version.summary();
      if (old.startMillis() == whole.startMillis()) {
        nextVersion = version.version() + 1;
      } else {
        merged.inc();
        out.get(VERSIONS).output(
            new SessionVersion(fragment.key(), old, version.version() + 1, fragment.timing(), true));
      }
      addChanges(deltas, old, true, fragment.timing(), clock);
    }
    SessionVersion current = new SessionVersion(fragment.key(), whole, nextVersion, fragment.timing(), false);
    out.get(VERSIONS).output(current);
    rest.add(current);
    sessions.put(fragment.key(), rest);
    addChanges(deltas, whole, false, fragment.timing(), clock);
    deltas.values().forEach(delta -> out.get(DELTAS).output(KV.of(delta.groupKey(), delta)));
    return clock;
  }

  /** Adds (or takes away) {@code session}'s counts to the changes of its groups. */
  private void addChanges(
      Map<String, SessionFunnelDelta> deltas, SessionSummary session, boolean takeAway, PaneInfo.Timing timing,
      long clock) {
    long windowStart = session.startMillis() - Math.floorMod(session.startMillis(), windowMillis);
    // A group can change while one of its sessions can, and while a new session can start in it and
    // bring its first pane (a long session's first pane may come long after it started).
    long openUntil =
        Math.max(closesAt(session), windowStart + windowMillis + latenessMillis + gapMillis + horizonMillis);
    for (String brand : session.brands()) {
      SessionFunnelCounts counts = SessionFunnelCounts.ofSession(session.steps(brand));
      SessionFunnelDelta change = new SessionFunnelDelta(
          brand, windowStart, takeAway ? counts.negate() : counts, openUntil, clock, timing);
      deltas.merge((brand == null ? "\u0000" : "=" + brand) + "@" + windowStart, change, SessionFunnelDelta::plus);
    }
  }

  private long windowEnd(SessionSummary session) {
    return session.lastMillis() + gapMillis + 1;
  }

  /**
   * The watermark from which the ledger lets {@code session} go: when no event could join it any more
   * ({@code gap + lateness} after its window's end) plus the horizon, for the panes of a session that
   * kept growing in the runner after the ledger last saw it (a long session after an early pane; on
   * Spark, a run of events the runner did not merge with the session's fired window).
   */
  private long closesAt(SessionSummary session) {
    return windowEnd(session) + gapMillis + latenessMillis + horizonMillis;
  }

  private void forgetClosedSessions(MapInState<String, List<SessionVersion>> sessions, long clock) {
    List<KV<String, List<SessionVersion>>> changed = new ArrayList<>();
    long stillOpen = 0;
    for (Map.Entry<String, List<SessionVersion>> entry : sessions.entries()) {
      List<SessionVersion> open = new ArrayList<>();
      for (SessionVersion version : entry.getValue()) {
        if (closesAt(version.summary()) > clock) {
          open.add(version);
        }
      }
      stillOpen += open.size();
      if (open.size() != entry.getValue().size()) {
        forgotten.inc(entry.getValue().size() - open.size());
        changed.add(KV.of(entry.getKey(), open));
      }
    }
    List<String> gone = new ArrayList<>();
    for (KV<String, List<SessionVersion>> entry : changed) {
      if (entry.getValue().isEmpty()) {
        gone.add(entry.getKey());
      } else {
        sessions.put(entry.getKey(), entry.getValue());
      }
    }
    sessions.removeAll(gone);
    kept.update(stillOpen);
  }
}
