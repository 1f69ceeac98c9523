package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.ClickEvent;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * <p>Unmerged, every accepted event becomes a partial of its own: what a step that does not
 * pre-aggregate would send on, kept only to measure what merging within the bundle saves.
 *
 * @param <K> the key within a window
 * @param <V> the partial aggregate
 */
public abstract class BundleAggregation<K, V> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TupleTag<KV<K, V>> tag;
  private transient Map<WindowKey<K>, V> partials;
  private transient List<Map.Entry<WindowKey<K>, V>> unmerged;

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

  /** Starts a bundle; with {@code merge} false every event stays a partial of its own. */
  final void startBundle(boolean merge) {
    partials = merge ? new HashMap<>() : null;
    unmerged = merge ? null : new ArrayList<>();
  }

  final void add(ClickEvent event, long windowStartMillis) {
    if (!accepts(event)) {
      return;
    }
    WindowKey<K> windowKey = new WindowKey<>(windowStartMillis, keyWithinWindow(event, windowStartMillis));
    if (unmerged != null) {
      unmerged.add(new AbstractMap.SimpleImmutableEntry<>(windowKey, addTo(empty(), event)));
      return;
    }
    V partial = partials.get(windowKey);
    partials.put(windowKey, addTo(partial == null ? empty() : partial, event));
  }

  /** Emits the bundle's partials; returns how many. */
  final <T> long finishBundle(DoFn<T, ?>.FinishBundleContext context) {
    Iterable<Map.Entry<WindowKey<K>, V>> entries = unmerged != null ? unmerged : partials.entrySet();
    long emitted = 0;
    for (Map.Entry<WindowKey<K>, V> partial : entries) {
      context.output(
          tag,
          KV.of(partial.getKey().key, partial.getValue()),
          new Instant(partial.getKey().windowStartMillis),
          GlobalWindow.INSTANCE);
      emitted++;
    }
    partials = null;
    unmerged = null;
    return emitted;
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
