package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.FunnelCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One brand's recent windows (the latest pane's totals per window start), bounded to the baseline's
 * reach, and which windows were already judged. A window the brand had no row for, after its first
 * row, counts as zero traffic in a baseline. Both the bounded (sorted series) and the streaming
 * (state per brand) detection use it, so both judge a window against the same baseline.
 */
final class BrandHistory {
  static final long DAY_MILLIS = 86_400_000L;

  /** Window start → (pane index, judged, totals). */
  private final TreeMap<Long, Slot> windows;
  private long firstWindowStart;

  private BrandHistory(TreeMap<Long, Slot> windows, long firstWindowStart) {
    this.windows = windows;
    this.firstWindowStart = firstWindowStart;
  }

  static BrandHistory empty() {
    return new BrandHistory(new TreeMap<>(), Long.MAX_VALUE);
  }

  static BrandHistory of(Map<Long, Slot> windows, long firstWindowStart) {
    return new BrandHistory(new TreeMap<>(windows), firstWindowStart);
  }

  /** Keeps {@code counts} as the window's totals unless a later pane is already kept. */
  void record(long windowStart, long paneIndex, FunnelCounts counts) {
    firstWindowStart = Math.min(firstWindowStart, windowStart);
    Slot kept = windows.get(windowStart);
    if (kept == null || paneIndex > kept.paneIndex) {
      windows.put(windowStart, new Slot(paneIndex, kept != null && kept.judged, counts.copy()));
    }
  }

  /** Marks the window judged; false if it already was (a window is judged once). */
  boolean markJudged(long windowStart) {
    Slot kept = windows.get(windowStart);
    if (kept == null || kept.judged) {
      return false;
    }
    windows.put(windowStart, new Slot(kept.paneIndex, true, kept.counts));
    return true;
  }

  /** The same window start on each of the previous {@code days} days that the brand's history covers. */
  List<FunnelCounts> sameHourBefore(long windowStart, int days) {
    List<FunnelCounts> baseline = new ArrayList<>(days);
    for (int day = 1; day <= days; day++) {
      long start = windowStart - day * DAY_MILLIS;
      if (start < firstWindowStart) {
        break;
      }
      Slot kept = windows.get(start);
      baseline.add(kept == null ? FunnelCounts.empty() : kept.counts);
    }
    return baseline;
  }

  /**
   * Forgets windows more than {@code days} + 1 days before the latest one. The extra day is for a
   * stream, whose windows of one day may arrive in any order: a window judged after a later one of
   * its day still finds all of its baseline.
   */
  void keepDays(int days) {
    if (!windows.isEmpty()) {
      windows.headMap(windows.lastKey() - (days + 1) * DAY_MILLIS).clear();
    }
  }

  Map<Long, Slot> windows() {
    return windows;
  }

  long firstWindowStart() {
    return firstWindowStart;
  }

  /** The kept facts of one window. */
  static final class Slot {
    final long paneIndex;
    final boolean judged;
    final FunnelCounts counts;

    Slot(long paneIndex, boolean judged, FunnelCounts counts) {
      this.paneIndex = paneIndex;
      this.judged = judged;
      this.counts = counts;
    }
  }
}
