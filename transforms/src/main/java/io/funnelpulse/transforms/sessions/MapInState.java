package io.funnelpulse.transforms.sessions;

import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.ValueState;

/**
 * A map a stateful step keeps per key ({@link SessionLedgerFn}: a bucket's sessions by session key;
 * {@link SessionFunnelTotalsFn}: a brand's hourly groups), over one of two states: a {@link MapState}
 * (an entry read or written at a time: right for a runner that keeps each entry apart, such as Flink
 * with RocksDB), or one {@link ValueState} holding the whole map, read once and written once per
 * element (the Spark runner decodes and re-encodes a whole map state on every access; RunnerWorkarounds
 * #10). {@link #flush} ends an element's work.
 *
 * @param <K> the map's key
 * @param <V> the map's value
 */
interface MapInState<K, V> {
  /** The value kept for {@code key}, or {@code null}. */
  V get(K key);

  /** Keeps {@code value} for {@code key}. */
  void put(K key, V value);

  /** Every key kept and its value (a copy). */
  List<Map.Entry<K, V>> entries();

  /** Lets {@code keys} go. */
  void removeAll(Collection<K> keys);

  /** Writes what changed, if anything is left to write. */
  void flush();

  /** A map whose entries are the entries of {@code state}. */
  static <K, V> MapInState<K, V> entryByEntry(MapState<K, V> state) {
    return new MapInState<K, V>() {
      @Override
      public V get(K key) {
        return state.get(key).read();
      }

      @Override
      public void put(K key, V value) {
        state.put(key, value);
      }

      @Override
      public List<Map.Entry<K, V>> entries() {
        List<Map.Entry<K, V>> copy = new ArrayList<>();
        state.entries().read().forEach(entry -> copy.add(Map.entry(entry.getKey(), entry.getValue())));
        return copy;
      }

      @Override
      public void removeAll(Collection<K> keys) {
        RunnerWorkarounds.removeFromMapState(state, keys);
      }

      @Override
      public void flush() {}
    };
  }

  /** A map held whole in {@code state}: read on first use, written by {@link #flush} if changed. */
  static <K, V> MapInState<K, V> wholeInOneValue(ValueState<Map<K, V>> state) {
    return new MapInState<K, V>() {
      private Map<K, V> map;
      private boolean changed;

      private Map<K, V> map() {
        if (map == null) {
          Map<K, V> stored = state.read();
          map = stored == null ? new HashMap<>() : new HashMap<>(stored);
        }
        return map;
      }

      @Override
      public V get(K key) {
        return map().get(key);
      }

      @Override
      public void put(K key, V value) {
        map().put(key, value);
        changed = true;
      }

      @Override
      public List<Map.Entry<K, V>> entries() {
        return new ArrayList<>(map().entrySet());
      }

      @Override
      public void removeAll(Collection<K> keys) {
        if (!keys.isEmpty()) {
          keys.forEach(map()::remove);
          changed = true;
        }
      }

      @Override
      public void flush() {
        if (!changed) {
          return;
        }
        if (map.isEmpty()) {
          state.clear();
        } else {
          state.write(map);
        }
        changed = false;
      }
    };
  }
}
