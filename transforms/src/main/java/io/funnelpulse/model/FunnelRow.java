package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One output row of the funnel table: a window, a key of the funnel dimension ({@code null} for the
 * missing-brand group, or for the dimension-less funnel), the totals, and the facts of the pane that
 * produced it. Readers keep the row with the highest pane index per (window, key). It is the funnel's
 * {@code WindowRow<String, FunnelCounts>} with named parts ({@link #asWindowRow()}); its coder is that
 * row's.
 *
 * @param windowStartMillis the window's start, epoch millis
 * @param windowEndMillis the window's end (exclusive), epoch millis
 * @param key the dimension value (brand, category), {@code null} when missing
 * @param counts the window's totals for the key
 * @param pane the facts of the pane that produced the row
 */
@DefaultCoder(FunnelRowCoder.class)
public record FunnelRow(long windowStartMillis, long windowEndMillis, String key, FunnelCounts counts, PaneFacts pane) {
  /** Checks that counts and pane are present. */
  public FunnelRow {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(pane, "pane");
  }

  /** A row for window [start, end), key and pane. */
  public static FunnelRow of(
      long windowStartMillis, long windowEndMillis, String key, FunnelCounts counts, PaneFacts pane) {
    return new FunnelRow(windowStartMillis, windowEndMillis, key, counts, pane);
  }

  /** The funnel row of a window row of funnel counts. */
  public static FunnelRow of(WindowRow<String, FunnelCounts> row) {
    return new FunnelRow(row.windowStartMillis(), row.windowEndMillis(), row.key(), row.value(), row.pane());
  }

  /** This row as a window row of funnel counts. */
  public WindowRow<String, FunnelCounts> asWindowRow() {
    return WindowRow.of(windowStartMillis, windowEndMillis, key, counts, pane);
  }
}
