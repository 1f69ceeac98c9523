package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.ClickEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Another {@link BundleAggregation}'s partials gathered into one map per window (keyed by the window
 * start): a window's partials then travel, merge and fire as one element instead of one per key.
 * Use it where a window has many keys and each row is large (sketches): fewer, larger groups are
 * cheaper to shuffle and to keep in state, on Spark and on the Direct runner alike.
 *
 * @param <K> the inner key (may be {@code null})
 * @param <V> the inner partial
 */
public final class PerWindowMap<K, V> extends BundleAggregation<Long, Map<K, V>> {
  private static final long serialVersionUID = 1L;

  private final BundleAggregation<K, V> inner;

  private PerWindowMap(BundleAggregation<K, V> inner) {
    super(inner.tag().getId() + "PerWindow");
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** {@code inner}'s partials, one map per window. */
  public static <K, V> PerWindowMap<K, V> of(BundleAggregation<K, V> inner) {
    return new PerWindowMap<>(inner);
  }

  /** The coder of the maps, with nullable inner keys. */
  public Coder<Map<K, V>> mapCoder() {
    return valueCoder();
  }

  @Override
  protected Coder<Long> keyCoder() {
    return VarLongCoder.of();
  }

  @Override
  protected Coder<Map<K, V>> valueCoder() {
    return MapCoder.of(NullableCoder.of(inner.keyCoder()), inner.valueCoder());
  }

  @Override
  protected boolean accepts(ClickEvent event) {
    return inner.accepts(event);
  }

  @Override
  Long keyWithinWindow(ClickEvent event, long windowStartMillis) {
    return windowStartMillis;
  }

  /** Not used: the maps are kept by window start ({@link #keyWithinWindow}). */
  @Override
  protected Long keyOf(ClickEvent event) {
    throw new UnsupportedOperationException("PerWindowMap partials are keyed by window start");
  }

  @Override
  protected Map<K, V> empty() {
    return new HashMap<>();
  }

  @Override
  protected Map<K, V> addTo(Map<K, V> partial, ClickEvent event) {
    K key = inner.keyOf(event);
    V value = partial.get(key);
    partial.put(key, inner.addTo(value == null ? inner.empty() : value, event));
    return partial;
  }
}
