package io.funnelpulse.model;

import java.util.Objects;

/**
 * One output row of a windowed table other than the funnel: window bounds, a key (brand, product id,
 * rank; {@code null} where the table has none or the value is missing), a value and the facts of the
 * pane that produced it. Readers keep the row with the highest pane index per (window, key).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class WindowRow<K, V> {
  private final long windowStartMillis;
  private final long windowEndMillis;
  private final K key;
  private final V value;
  private final PaneFacts pane;

  private WindowRow(long windowStartMillis, long windowEndMillis, K key, V value, PaneFacts pane) {
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.key = key;
    this.value = Objects.requireNonNull(value, "value");
    this.pane = Objects.requireNonNull(pane, "pane");
  }

  /** A row for window [start, end), key, value and pane. */
  public static <K, V> WindowRow<K, V> of(
      long windowStartMillis, long windowEndMillis, K key, V value, PaneFacts pane) {
    return new WindowRow<>(windowStartMillis, windowEndMillis, key, value, pane);
  }

  public long windowStartMillis() {
    return windowStartMillis;
  }

  public long windowEndMillis() {
    return windowEndMillis;
  }

  public K key() {
    return key;
  }

  public V value() {
    return value;
  }

  public PaneFacts pane() {
    return pane;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WindowRow)) {
      return false;
    }
    WindowRow<?, ?> that = (WindowRow<?, ?>) o;
    return windowStartMillis == that.windowStartMillis
        && windowEndMillis == that.windowEndMillis
        && Objects.equals(key, that.key)
        && value.equals(that.value)
        && pane.equals(that.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStartMillis, windowEndMillis, key, value, pane);
  }

  @Override
  public String toString() {
    return "WindowRow{[" + windowStartMillis + "," + windowEndMillis + ") " + key + " " + value + " " + pane
        + "}";
  }
}
