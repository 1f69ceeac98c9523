package io.funnelpulse.transforms.aggregate;

import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Groups a stream's values per key in the global window as they arrive: a pane per key each time
 * values came (a trigger per element), holding everything that came together — a bundle, or on the
 * Spark runner a whole micro-batch — stamped with the earliest of their timestamps. A stateful step
 * after it sees what arrived together as one element, so it can finish applying an arrival before
 * it acts on what the arrival told it (judge windows in order, let closed groups go). No empty pane
 * is fired when the stream ends.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class GroupArrivals<K, V> extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {
  private GroupArrivals() {}

  /** Groups the values of each key that arrive together; the input must be in the global window. */
  public static <K, V> GroupArrivals<K, V> perKey() {
    return new GroupArrivals<>();
  }

  @Override
  public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    return input
        .apply("TriggerPerArrival", Window.<KV<K, V>>configure()
            .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ZERO)
            .withTimestampCombiner(TimestampCombiner.EARLIEST)
            .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
            .discardingFiredPanes())
        .apply("GroupPerKey", GroupByKey.create());
  }
}
