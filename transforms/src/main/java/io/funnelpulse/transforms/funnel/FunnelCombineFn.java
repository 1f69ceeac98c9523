package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Sums {@link FunnelCounts}: each input is one event's contribution (or a pre-aggregate), the
 * accumulator is a mutable total with its own deterministic coder, the output an independent copy.
 */
public final class FunnelCombineFn extends Combine.CombineFn<FunnelCounts, FunnelCounts, FunnelCounts> {

  @Override
  public FunnelCounts createAccumulator() {
    return FunnelCounts.empty();
  }

  @Override
  public FunnelCounts addInput(FunnelCounts accumulator, FunnelCounts input) {
    return accumulator.merge(input);
  }

  @Override
  public FunnelCounts mergeAccumulators(Iterable<FunnelCounts> accumulators) {
    FunnelCounts total = FunnelCounts.empty();
    for (FunnelCounts accumulator : accumulators) {
      total.merge(accumulator);
    }
    return total;
  }

  @Override
  public FunnelCounts extractOutput(FunnelCounts accumulator) {
    return accumulator.copy();
  }

  @Override
  public Coder<FunnelCounts> getAccumulatorCoder(
      CoderRegistry registry, Coder<FunnelCounts> inputCoder) {
    return FunnelCountsCoder.of();
  }

  @Override
  public Coder<FunnelCounts> getDefaultOutputCoder(
      CoderRegistry registry, Coder<FunnelCounts> inputCoder) {
    return FunnelCountsCoder.of();
  }
}
