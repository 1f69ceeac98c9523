package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.FunnelCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One brand's recent windows (the latest pane's totals per window start), bounded to the baseline's
 * reach, how far its windows have been judged, and its evidence runs (one per metric and direction).
 * A window the brand had no row for, after its first row, counts as zero traffic. Both the bounded
 * (sorted series) and the streaming (state per brand) detection use it, so both judge a window
 * against the same history with the same runs.
 */
final class BrandHistory {
  static final long DAY_MILLIS = 86_400_000L;
  /** {@link #judgedThrough()} before any window was judged. */
  static final long NOTHING_JUDGED = Long.MIN_VALUE;

  /** Window start → (pane index, totals). */
  private final TreeMap<Long, Slot> windows;
  private long firstWindowStart;
  private long judgedThrough;
  private final EvidenceRun[] runs;

  private BrandHistory(TreeMap<Long, Slot> windows, long firstWindowStart, long judgedThrough, EvidenceRun[] runs) {
    this.windows = windows;
    this.firstWindowStart = firstWindowStart;
    this.judgedThrough = judgedThrough;
    this.runs = runs;
  }

  static BrandHistory empty() {
    EvidenceRun[] runs = new EvidenceRun[AnomalyThresholds.STREAMS];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = new EvidenceRun();
    }
    return new BrandHistory(new TreeMap<>(), Long.MAX_VALUE, NOTHING_JUDGED, runs);
  }

  static BrandHistory of(Map<Long, Slot> windows, long firstWindowStart, long judgedThrough, EvidenceRun[] runs) {
    if (runs.length != AnomalyThresholds.STREAMS) {
      throw new IllegalArgumentException("Expected " + AnomalyThresholds.STREAMS + " runs, got " + runs.length);
    }
    return new BrandHistory(new TreeMap<>(windows), firstWindowStart, judgedThrough, runs);
  }

  /** Keeps {@code counts} as the window's totals unless a later pane is already kept. */
  void record(long windowStart, long paneIndex, FunnelCounts counts) {
    firstWindowStart = Math.min(firstWindowStart, windowStart);
    Slot kept = windows.get(windowStart);
    if (kept == null || paneIndex > kept.paneIndex) {
      windows.put(windowStart, new Slot(paneIndex, counts.copy()));
    }
  }

  /** The window's totals; zero for a window without a row. */
  FunnelCounts counts(long windowStart) {
    Slot kept = windows.get(windowStart);
    return kept == null ? FunnelCounts.empty() : kept.counts;
  }

  /** The same window start on each of the previous {@code days} days that the brand's history covers. */
  List<FunnelCounts> sameHourBefore(long windowStart, int days) {
    List<FunnelCounts> baseline = new ArrayList<>(days);
    for (int day = 1; day <= days; day++) {
      long start = windowStart - day * DAY_MILLIS;
      if (start < firstWindowStart) {
        break;
      }
      baseline.add(counts(start));
    }
    return baseline;
  }

  /**
   * The windows of the {@code days} days before {@code windowStart} that the history covers, grouped by
   * time of day: group {@code g} holds the window {@code g + 1} windows before it and the same time on
   * earlier days, newest first.
   */
  FunnelCounts[][] recentByTimeOfDay(long windowStart, long windowMillis, int days) {
    int groups = (int) Math.max(1, DAY_MILLIS / windowMillis);
    FunnelCounts[][] recent = new FunnelCounts[groups][];
    for (int g = 0; g < groups; g++) {
      recent[g] = sameHourBefore(windowStart - (g + 1) * windowMillis + DAY_MILLIS, days).toArray(FunnelCounts[]::new);
    }
    return recent;
  }

  /**
   * Forgets windows more than {@code days} + 1 days before the latest one. The extra day is for a
   * stream, whose late panes may still update the windows a baseline reaches.
   */
  void keepDays(int days) {
    if (!windows.isEmpty()) {
      windows.headMap(windows.lastKey() - (days + 1) * DAY_MILLIS).clear();
    }
  }

  /** The evidence run of {@code metric} in one direction. */
  EvidenceRun run(AnomalyMetric metric, boolean spike) {
    return runs[2 * metric.ordinal() + (spike ? 1 : 0)];
  }

  EvidenceRun[] runs() {
    return runs;
  }

  /** Start of the last window judged, or {@link #NOTHING_JUDGED}. */
  long judgedThrough() {
    return judgedThrough;
  }

  void judgedThrough(long windowStart) {
    judgedThrough = windowStart;
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
    final FunnelCounts counts;

    Slot(long paneIndex, FunnelCounts counts) {
      this.paneIndex = paneIndex;
      this.counts = counts;
    }
  }
}
