package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.MetricNames;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;

/**
 * Turns the per-pane values of a stream (discarding panes) into running totals per window and key,
 * kept in state and merged with the aggregate's own {@link Combine.CombineFn}: each output is the
 * window's full value so far, with the pane facts of the firing. Used instead of the runner's
 * accumulating mode, which not every runner's streaming mode honours.
 *
 * <p>Pane indexes of one window and key only grow. A pane whose index is not above the last one taken
 * is a repeat and is dropped (counted as {@code funnelpulse.panes/repeated_panes_dropped}): the Spark
 * runner's streaming mode, and the Flink runner once a window's state is gone, fire timers of windows
 * already fired again, as empty on-time panes with index 0, which would otherwise write the window's
 * total a second time under an older pane.
 *
 * @param <K> the key
 * @param <V> the value, which the combine fn both takes and produces
 */
public final class AccumulatePanesFn<K, V> extends DoFn<KV<K, V>, KV<K, V>> {
  private final Counter repeatedPanes = Metrics.counter(MetricNames.PANES, MetricNames.REPEATED_PANES_DROPPED);
  private final Combine.CombineFn<V, ?, V> combineFn;

  @StateId("total")
  private final StateSpec<ValueState<V>> totalSpec;

  @StateId("lastPaneIndex")
  private final StateSpec<ValueState<Long>> lastPaneIndexSpec = StateSpecs.value(VarLongCoder.of());

  /** Running totals merged by {@code combineFn}, stored with {@code valueCoder}. */
  public AccumulatePanesFn(Combine.CombineFn<V, ?, V> combineFn, Coder<V> valueCoder) {
    this.combineFn = combineFn;
    this.totalSpec = StateSpecs.value(valueCoder);
  }

  @ProcessElement
  public void processElement(
      @Element KV<K, V> pane,
      PaneInfo paneInfo,
      @StateId("total") ValueState<V> total,
      @StateId("lastPaneIndex") ValueState<Long> lastPaneIndex,
      OutputReceiver<KV<K, V>> out) {
    Long last = lastPaneIndex.read();
    if (last != null && paneInfo.getIndex() <= last) {
      repeatedPanes.inc();
      return;
    }
    lastPaneIndex.write(paneInfo.getIndex());
    V previous = total.read();
    V updated = previous == null ? combineFn.apply(List.of(pane.getValue())) : combineFn.apply(List.of(previous, pane.getValue()));
    total.write(updated);
    out.output(KV.of(pane.getKey(), updated));
  }
}
