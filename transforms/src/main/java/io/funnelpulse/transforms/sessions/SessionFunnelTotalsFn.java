package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionFunnelCountsCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * the ledger's clock has passed the time it could change.
 */
public final class SessionFunnelTotalsFn
    extends DoFn<KV<String, SessionFunnelDelta>, WindowRow<String, SessionFunnelCounts>> {
  private final long windowMillis;
  private final long forgetEveryMillis;

  @StateId("totals")
  private final StateSpec<MapState<Long, SessionFunnelCounts>> totalsSpec =
      StateSpecs.map(VarLongCoder.of(), SessionFunnelCountsCoder.of());

  @StateId("panes")
  private final StateSpec<MapState<Long, Long>> panesSpec = StateSpecs.map(VarLongCoder.of(), VarLongCoder.of());

  @StateId("openUntil")
  private final StateSpec<MapState<Long, Long>> openUntilSpec = StateSpecs.map(VarLongCoder.of(), VarLongCoder.of());

  @StateId("forgottenAt")
  private final StateSpec<ValueState<Long>> forgottenAtSpec = StateSpecs.value(VarLongCoder.of());

  /**
   * Groups of windows of {@code windowMillis}; closed groups are looked for every {@code
   * forgetEveryMillis} of the ledger's clock, or never with {@link SessionLedgerFn#KEEP_ALL} (bounded input).
   */
  public SessionFunnelTotalsFn(long windowMillis, long forgetEveryMillis) {
    this.windowMillis = windowMillis;
    this.forgetEveryMillis = forgetEveryMillis;
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, SessionFunnelDelta> element,
      @StateId("totals") MapState<Long, SessionFunnelCounts> totals,
      @StateId("panes") MapState<Long, Long> panes,
      @StateId("openUntil") MapState<Long, Long> openUntil,
      @StateId("forgottenAt") ValueState<Long> forgottenAtState,
      OutputReceiver<WindowRow<String, SessionFunnelCounts>> out) {
    SessionFunnelDelta delta = element.getValue();
    long window = delta.windowStartMillis();
    Long open = openUntil.get(window).read();
    openUntil.put(window, open == null ? delta.openUntilMillis() : Math.max(open, delta.openUntilMillis()));
    SessionFunnelCounts before = totals.get(window).read();
    SessionFunnelCounts after = (before == null ? SessionFunnelCounts.zero() : before).plus(delta.change());
    if (before == null || !after.equals(before)) {
      Long pane = panes.get(window).read();
      long index = pane == null ? 0 : pane + 1;
      totals.put(window, after);
      panes.put(window, index);
      out.output(WindowRow.of(window, window + windowMillis, delta.brand(), after,
          PaneFacts.of(delta.timing(), index, false)));
    }
    Long forgottenAt = forgottenAtState.read();
    long clock = delta.clockMillis();
    if (forgetEveryMillis != SessionLedgerFn.KEEP_ALL && clock != Long.MIN_VALUE
        && (forgottenAt == null || clock - forgottenAt >= forgetEveryMillis)) {
      forgetClosedGroups(totals, panes, openUntil, clock);
      forgottenAtState.write(clock);
    }
  }

  private static void forgetClosedGroups(
      MapState<Long, SessionFunnelCounts> totals, MapState<Long, Long> panes, MapState<Long, Long> openUntil,
      long clock) {
    List<Long> closed = new ArrayList<>();
    for (Map.Entry<Long, Long> entry : openUntil.entries().read()) {
      if (entry.getValue() <= clock) {
        closed.add(entry.getKey());
      }
    }
    RunnerWorkarounds.removeFromMapState(totals, closed);
    RunnerWorkarounds.removeFromMapState(panes, closed);
    RunnerWorkarounds.removeFromMapState(openUntil, closed);
  }
}
