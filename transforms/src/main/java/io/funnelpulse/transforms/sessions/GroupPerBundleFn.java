package io.funnelpulse.transforms.sessions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Gathers the values of each key (and window) within a bundle into one list, in their order, so that
 * a stateful step after it reads and writes a key's state once per bundle rather than once per value:
 * the session ledger gets about ten fragments per bucket in a micro-batch of the month on Spark. Each
 * list carries the earliest timestamp of its values, so no output of the step after it is later than
 * the value it comes from.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class GroupPerBundleFn<K, V> extends DoFn<KV<K, V>, KV<K, List<V>>> {
  private transient Map<KeyInWindow<K>, Gathered<V>> groups;

  @StartBundle
  public void startBundle() {
    groups = new LinkedHashMap<>();
  }

  @ProcessElement
  public void processElement(@Element KV<K, V> element, @Timestamp Instant timestamp, BoundedWindow window) {
    groups.computeIfAbsent(new KeyInWindow<>(element.getKey(), window), k -> new Gathered<>(timestamp))
        .add(element.getValue(), timestamp);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    groups.forEach((key, gathered) ->
        context.output(KV.of(key.key(), gathered.values), gathered.earliest, key.window()));
    groups = null;
  }

  /** A key in a window. */
  private record KeyInWindow<K>(K key, BoundedWindow window) {}

  /** The values of one key so far and their earliest timestamp. */
  private static final class Gathered<V> {
    private final List<V> values = new ArrayList<>();
    private Instant earliest;

    Gathered(Instant first) {
      this.earliest = first;
    }

    void add(V value, Instant timestamp) {
      values.add(value);
      if (timestamp.isBefore(earliest)) {
        earliest = timestamp;
      }
    }
  }
}
