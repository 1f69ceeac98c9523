package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Merges windowed partial aggregates per window and key: group, then combine each group with
 * {@code combineFn} (a lifted combine saves nothing on partials, and on Spark it costs more). On a
 * stream the discarding panes become running totals through {@link AccumulatePanesFn}, so every
 * output is the window's full value so far.
 *
 * <pre>{@code
 * PCollection<KV<String, Long>> views = windowedPartials.apply("MergeViews",
 *     MergePartials.with(Sum.ofLongs(), VarLongCoder.of()));
 * }</pre>
 *
 * @param <K> the key
 * @param <V> the partial and merged value
 */
public final class MergePartials<K, V> extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, V>>> {
  private final Combine.CombineFn<V, ?, V> combineFn;
  private final Coder<V> valueCoder;

  private MergePartials(Combine.CombineFn<V, ?, V> combineFn, Coder<V> valueCoder) {
    this.combineFn = Objects.requireNonNull(combineFn, "combineFn");
    this.valueCoder = Objects.requireNonNull(valueCoder, "valueCoder");
  }

  /** Merges partials with {@code combineFn}; {@code valueCoder} encodes merged values. */
  public static <K, V> MergePartials<K, V> with(Combine.CombineFn<V, ?, V> combineFn, Coder<V> valueCoder) {
    return new MergePartials<>(combineFn, valueCoder);
  }

  @Override
  public PCollection<KV<K, V>> expand(PCollection<KV<K, V>> partials) {
    Coder<K> keyCoder = ((KvCoder<K, V>) partials.getCoder()).getKeyCoder();
    KvCoder<K, V> outputCoder = KvCoder.of(keyCoder, valueCoder);
    PCollection<KV<K, V>> merged =
        partials
            .apply("GroupPerKey", GroupByKey.create())
            .apply("MergeGroups", Combine.groupedValues(combineFn))
            .setCoder(outputCoder);
    if (RunnerWorkarounds.accumulatesPanesInState(partials)) {
      merged =
          merged
              .apply("AccumulatePanes", ParDo.of(new AccumulatePanesFn<>(combineFn, valueCoder)))
              .setCoder(outputCoder);
    }
    return merged;
  }
}
