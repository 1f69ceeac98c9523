package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Turns the per-pane sums of a stream (discarding panes) into running totals per window and key, kept
 * in state: each output is the window's full value so far, with the pane facts of the firing. Used
 * instead of the runner's accumulating mode, which not every runner's streaming mode honours.
 */
final class AccumulatePanesFn extends DoFn<KV<String, FunnelCounts>, KV<String, FunnelCounts>> {
  @StateId("total")
  private final StateSpec<ValueState<FunnelCounts>> totalSpec = StateSpecs.value(FunnelCountsCoder.of());

  @ProcessElement
  public void processElement(
      @Element KV<String, FunnelCounts> pane,
      @StateId("total") ValueState<FunnelCounts> total,
      OutputReceiver<KV<String, FunnelCounts>> out) {
    FunnelCounts previous = total.read();
    FunnelCounts updated = (previous == null ? FunnelCounts.empty() : previous.copy()).merge(pane.getValue());
    total.write(updated);
    out.output(KV.of(pane.getKey(), updated.copy()));
  }
}
