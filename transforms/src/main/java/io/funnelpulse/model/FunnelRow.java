package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One output row of the funnel table: a window, a key of the funnel dimension ({@code null} for the
 * missing-brand group, or for the dimension-less funnel), the totals, and the facts of the pane that
 * produced it. Readers keep the row with the highest {@link #paneIndex()} per (window, key).
 */
@DefaultCoder(FunnelRowCoder.class)
public final class FunnelRow {
  private final long windowStartMillis;
  private final long windowEndMillis;
  private final String key;
  private final FunnelCounts counts;
  private final PaneFacts pane;

  private FunnelRow(
      long windowStartMillis, long windowEndMillis, String key, FunnelCounts counts, PaneFacts pane) {
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.key = key;
    this.counts = Objects.requireNonNull(counts, "counts");
    this.pane = Objects.requireNonNull(pane, "pane");
  }

  /** A row for window [start, end), key and pane. */
  public static FunnelRow of(
      long windowStartMillis, long windowEndMillis, String key, FunnelCounts counts, PaneFacts pane) {
    return new FunnelRow(windowStartMillis, windowEndMillis, key, counts, pane);
  }

  public long windowStartMillis() {
    return windowStartMillis;
  }

  public long windowEndMillis() {
    return windowEndMillis;
  }

  /** The dimension value (brand, category), {@code null} when missing. */
  public String key() {
    return key;
  }

  public FunnelCounts counts() {
    return counts;
  }

  public PaneFacts pane() {
    return pane;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FunnelRow)) {
      return false;
    }
    FunnelRow that = (FunnelRow) o;
    return windowStartMillis == that.windowStartMillis
        && windowEndMillis == that.windowEndMillis
        && Objects.equals(key, that.key)
        && counts.equals(that.counts)
        && pane.equals(that.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStartMillis, windowEndMillis, key, counts, pane);
  }

  @Override
  public String toString() {
    return "FunnelRow{[" + windowStartMillis + "," + windowEndMillis + ") " + key + " " + counts + " "
        + pane + "}";
  }
}
