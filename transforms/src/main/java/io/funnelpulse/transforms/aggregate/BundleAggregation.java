package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.ClickEvent;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * One partial aggregate that {@link PreAggregate} folds clean events into within a bundle: per window
 * start and key a mutable value, emitted at the end of the bundle as {@code KV<key, partial>}
 * timestamped with its window's start, on its own output {@link #tag()}.
 *
 * <p>Subclasses say which events count ({@link #accepts}), under which key ({@link #keyOf}) and how
 * an event changes a partial ({@link #addTo}). The key may be {@code null} (for example a missing
 * brand); the key coder is wrapped in a {@link NullableCoder}.
 *
 * @param <K> the key within a window
 * @param <V> the partial aggregate
 */
public abstract class BundleAggregation<K, V> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TupleTag<KV<K, V>> tag;
  private transient Map<WindowKey<K>, V> partials;

  /** An aggregation whose output is tagged {@code name} (unique within one {@link PreAggregate}). */
  protected BundleAggregation(String name) {
    this.tag = new TupleTag<>(name);
  }

  /** The output of this aggregation's partials. */
  public final TupleTag<KV<K, V>> tag() {
    return tag;
  }

  /** The coder of the partials, with a nullable key. */
  public final KvCoder<K, V> partialCoder() {
    return KvCoder.of(NullableCoder.of(keyCoder()), valueCoder());
  }

  /** Coder of the (non-null) keys. */
  protected abstract Coder<K> keyCoder();

  /** Coder of the partial values. */
  protected abstract Coder<V> valueCoder();

  /** Whether {@code event} contributes to this aggregation. */
  protected boolean accepts(ClickEvent event) {
    return true;
  }

  /** The key of {@code event} within its window; may be {@code null}. */
  protected abstract K keyOf(ClickEvent event);

  /** The key a partial is kept by within its window: {@link #keyOf} unless a subclass here says otherwise. */
  K keyWithinWindow(ClickEvent event, long windowStartMillis) {
    return keyOf(event);
  }

  /** A new, empty partial. */
  protected abstract V empty();

  /** Adds {@code event} to {@code partial}, returning the updated partial (it may be a new value). */
  protected abstract V addTo(V partial, ClickEvent event);

  final void startBundle() {
    partials = new HashMap<>();
  }

  final void add(ClickEvent event, long windowStartMillis) {
    if (!accepts(event)) {
      return;
    }
    WindowKey<K> windowKey = new WindowKey<>(windowStartMillis, keyWithinWindow(event, windowStartMillis));
    V partial = partials.get(windowKey);
    partials.put(windowKey, addTo(partial == null ? empty() : partial, event));
  }

  final <T> void finishBundle(DoFn<T, ?>.FinishBundleContext context) {
    for (Map.Entry<WindowKey<K>, V> partial : partials.entrySet()) {
      context.output(
          tag,
          KV.of(partial.getKey().key, partial.getValue()),
          new Instant(partial.getKey().windowStartMillis),
          GlobalWindow.INSTANCE);
    }
    partials = null;
  }

  /** A window start and a key: what partials are kept by. */
  private static final class WindowKey<K> {
    final long windowStartMillis;
    final K key;

    WindowKey(long windowStartMillis, K key) {
      this.windowStartMillis = windowStartMillis;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof WindowKey)) {
        return false;
      }
      WindowKey<?> that = (WindowKey<?>) o;
      return windowStartMillis == that.windowStartMillis && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(windowStartMillis) * 31 + Objects.hashCode(key);
    }
  }
}
