package io.funnelpulse.transforms.aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Merges maps of partials key by key with the partials' own {@link Combine.CombineFn}: what
 * {@link MergePartials} uses for {@link PerWindowMap} partials.
 *
 * @param <K> the inner key (may be {@code null})
 * @param <V> the partial, which {@code valueFn} both takes and produces
 */
public final class MapMergeFn<K, V> extends Combine.CombineFn<Map<K, V>, Map<K, V>, Map<K, V>> {
  private final Combine.CombineFn<V, ?, V> valueFn;
  private final Coder<Map<K, V>> mapCoder;

  /** Merges values of equal keys with {@code valueFn}; accumulators are encoded with {@code mapCoder}. */
  public MapMergeFn(Combine.CombineFn<V, ?, V> valueFn, Coder<Map<K, V>> mapCoder) {
    this.valueFn = valueFn;
    this.mapCoder = mapCoder;
  }

  @Override
  public Map<K, V> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<K, V> addInput(Map<K, V> accumulator, Map<K, V> input) {
    for (Map.Entry<K, V> entry : input.entrySet()) {
      V previous = accumulator.get(entry.getKey());
      accumulator.put(
          entry.getKey(),
          valueFn.apply(previous == null ? List.of(entry.getValue()) : List.of(previous, entry.getValue())));
    }
    return accumulator;
  }

  @Override
  public Map<K, V> mergeAccumulators(Iterable<Map<K, V>> accumulators) {
    Map<K, V> merged = createAccumulator();
    for (Map<K, V> accumulator : accumulators) {
      addInput(merged, accumulator);
    }
    return merged;
  }

  @Override
  public Map<K, V> extractOutput(Map<K, V> accumulator) {
    return accumulator;
  }

  @Override
  public Coder<Map<K, V>> getAccumulatorCoder(CoderRegistry registry, Coder<Map<K, V>> inputCoder) {
    return mapCoder;
  }

  @Override
  public Coder<Map<K, V>> getDefaultOutputCoder(CoderRegistry registry, Coder<Map<K, V>> inputCoder) {
    return mapCoder;
  }
}
