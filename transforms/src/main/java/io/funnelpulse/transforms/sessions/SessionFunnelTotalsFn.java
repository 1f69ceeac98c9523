package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.aggregate.GroupArrivals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Keeps the hourly session funnel of one brand (keyed by {@link SessionFunnelDelta#groupKey()}) as
 * running totals per window of session starts, applies each {@link SessionFunnelDelta}, and writes a
 * group's new totals whenever they change, as the next pane of the group (the final view is the latest
 * pane; a group whose sessions were all merged away ends with zero sessions). A group leaves state once
 * the ledger's clock has passed the time it could change. An element is everything that arrived for a
 * brand together ({@link GroupArrivals}: on Spark a whole micro-batch), in lists per bundle ({@link
 * GroupPerBundleFn}), added up per group first: a busy brand (or the sessions without one) gets
 * thousands of changes in a micro-batch, so each group is read and written once per arrival, as one
 * {@link SessionGroupTotal} entry. Only the panes between two arrivals' totals are left out.
 *
 * <p>Why whole arrivals: the clock of a change is its ledger bucket's, and every bucket's clock after
 * a micro-batch is near the end of that micro-batch's events; changes made in the same micro-batch by
 * other buckets may still be for a group whose time has passed that clock (a backlog read in
 * micro-batches of more than a day of events). Changes of a later arrival cannot be: a bucket's clock
 * never passes the watermark, and no later event can reach a group the watermark has left behind by
 * its open time. So closed groups are let go only once the whole arrival has been applied; letting
 * them go after part of it wrote the rest of the group again, as a new group under pane 0.
 */
public final class SessionFunnelTotalsFn
    extends DoFn<KV<String, Iterable<List<SessionFunnelDelta>>>, WindowRow<String, SessionFunnelCounts>> {
  private final long windowMillis;
  private final long forgetEveryMillis;
  private final boolean groupsInOneValue;

  @StateId("groups")
  private final StateSpec<MapState<Long, SessionGroupTotal>> groupsSpec =
      StateSpecs.map(VarLongCoder.of(), SessionGroupTotalCoder.of());

  @StateId("groupMap")
  private final StateSpec<ValueState<Map<Long, SessionGroupTotal>>> groupMapSpec =
      StateSpecs.value(MapCoder.of(VarLongCoder.of(), SessionGroupTotalCoder.of()));

  @StateId("forgottenAt")
  private final StateSpec<ValueState<Long>> forgottenAtSpec = StateSpecs.value(VarLongCoder.of());

  /**
   * Groups of windows of {@code windowMillis}; closed groups are looked for every {@code
   * forgetEveryMillis} of the ledger's clock; with {@code groupsInOneValue} a brand's groups are kept
   * as one value rather than a map state ({@link MapInState}).
   */
  public SessionFunnelTotalsFn(long windowMillis, long forgetEveryMillis, boolean groupsInOneValue) {
    this.windowMillis = windowMillis;
    this.forgetEveryMillis = forgetEveryMillis;
    this.groupsInOneValue = groupsInOneValue;
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<List<SessionFunnelDelta>>> element,
      @StateId("groups") MapState<Long, SessionGroupTotal> groupEntries,
      @StateId("groupMap") ValueState<Map<Long, SessionGroupTotal>> groupMap,
      @StateId("forgottenAt") ValueState<Long> forgottenAtState,
      OutputReceiver<WindowRow<String, SessionFunnelCounts>> out) {
    MapInState<Long, SessionGroupTotal> groups =
        groupsInOneValue ? MapInState.wholeInOneValue(groupMap) : MapInState.entryByEntry(groupEntries);
    Map<Long, SessionFunnelDelta> byWindow = new LinkedHashMap<>();
    long clock = Long.MIN_VALUE;
    for (List<SessionFunnelDelta> bundle : element.getValue()) {
      for (SessionFunnelDelta delta : bundle) {
        byWindow.merge(delta.windowStartMillis(), delta, SessionFunnelDelta::plus);
        clock = Math.max(clock, delta.clockMillis());
      }
    }
    byWindow.values().forEach(delta -> apply(delta, groups, out));
    Long forgottenAt = forgottenAtState.read();
    if (clock != Long.MIN_VALUE && (forgottenAt == null || clock - forgottenAt >= forgetEveryMillis)) {
      forgetClosedGroups(groups, clock);
      forgottenAtState.write(clock);
    }
    groups.flush();
  }

  private void apply(
      SessionFunnelDelta delta, MapInState<Long, SessionGroupTotal> groups,
      OutputReceiver<WindowRow<String, SessionFunnelCounts>> out) {
    long window = delta.windowStartMillis();
    SessionGroupTotal before = groups.get(window);
    SessionFunnelCounts total = (before == null ? SessionFunnelCounts.zero() : before.total()).plus(delta.change());
    long openUntil = before == null ? delta.openUntilMillis() : Math.max(before.openUntilMillis(), delta.openUntilMillis());
    boolean changed = before == null || !total.equals(before.total());
    long pane = before == null ? 0 : changed ? before.paneIndex() + 1 : before.paneIndex();
    if (changed || openUntil != before.openUntilMillis()) {
      groups.put(window, new SessionGroupTotal(total, pane, openUntil));
    }
    if (changed) {
      out.output(WindowRow.of(window, window + windowMillis, delta.brand(), total,
          PaneFacts.of(delta.timing(), pane, false)));
    }
  }

  private static void forgetClosedGroups(MapInState<Long, SessionGroupTotal> groups, long clock) {
    List<Long> closed = new ArrayList<>();
    for (Map.Entry<Long, SessionGroupTotal> entry : groups.entries()) {
      if (entry.getValue().openUntilMillis() <= clock) {
        closed.add(entry.getKey());
      }
    }
    groups.removeAll(closed);
  }
}
