package io.funnelpulse.transforms.aggregate;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Turns the per-pane values of a stream (discarding panes) into running totals per window and key,
 * kept in state and merged with the aggregate's own {@link Combine.CombineFn}: each output is the
 * window's full value so far, with the pane facts of the firing. Used instead of the runner's
 * accumulating mode, which not every runner's streaming mode honours.
 *
 * @param <K> the key
 * @param <V> the value, which the combine fn both takes and produces
 */
public final class AccumulatePanesFn<K, V> extends DoFn<KV<K, V>, KV<K, V>> {
  private final Combine.CombineFn<V, ?, V> combineFn;

  @StateId("total")
  private final StateSpec<ValueState<V>> totalSpec;

  /** Running totals merged by {@code combineFn}, stored with {@code valueCoder}. */
  public AccumulatePanesFn(Combine.CombineFn<V, ?, V> combineFn, Coder<V> valueCoder) {
    this.combineFn = combineFn;
    this.totalSpec = StateSpecs.value(valueCoder);
  }

  @ProcessElement
  public void processElement(
      @Element KV<K, V> pane, @StateId("total") ValueState<V> total, OutputReceiver<KV<K, V>> out) {
    V previous = total.read();
    V updated = previous == null ? combineFn.apply(List.of(pane.getValue())) : combineFn.apply(List.of(previous, pane.getValue()));
    total.write(updated);
    out.output(KV.of(pane.getKey(), updated));
  }
}
