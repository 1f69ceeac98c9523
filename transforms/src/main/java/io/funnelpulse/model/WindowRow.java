package io.funnelpulse.model;

import java.util.Objects;

/**
 * One output row of a windowed table other than the funnel: window bounds, a key (brand, product id,
 * rank; {@code null} where the table has none or the value is missing), a value and the facts of the
 * pane that produced it. Readers keep the row with the highest pane index per (window, key).
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param windowStartMillis the window's start, epoch millis
 * @param windowEndMillis the window's end (exclusive), epoch millis
 * @param key the row's key, {@code null} where the table has none or the value is missing
 * @param value the row's value
 * @param pane the facts of the pane that produced the row
 */
public record WindowRow<K, V>(long windowStartMillis, long windowEndMillis, K key, V value, PaneFacts pane) {
  /** Checks that value and pane are present. */
  public WindowRow {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pane, "pane");
  }

  /** A row for window [start, end), key, value and pane. */
  public static <K, V> WindowRow<K, V> of(
      long windowStartMillis, long windowEndMillis, K key, V value, PaneFacts pane) {
    return new WindowRow<>(windowStartMillis, windowEndMillis, key, value, pane);
  }
}
