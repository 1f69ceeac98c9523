package io.funnelpulse.io.watch;

import java.util.TreeSet;

/**
 * The fixed windows a reader has read events for and that its watermark has not closed yet: those
 * still waiting for their on-time pane (the watermark is before their end) and those past it but
 * within the allowed lateness, which late events can still correct. Windows past their lateness
 * horizon are forgotten, so the set stays as small as the number of open windows.
 */
final class OpenWindows {
  private final long sizeMillis;
  private final long latenessMillis;
  private final TreeSet<Long> starts = new TreeSet<>();

  OpenWindows(long sizeMillis, long latenessMillis) {
    this.sizeMillis = sizeMillis;
    this.latenessMillis = latenessMillis;
  }

  /** Notes the window of an event read at {@code eventTimeMillis}. */
  void add(long eventTimeMillis) {
    starts.add(eventTimeMillis - Math.floorMod(eventTimeMillis, sizeMillis));
  }

  /** Forgets the windows whose lateness horizon {@code watermarkMillis} has passed. */
  void closeUpTo(long watermarkMillis) {
    while (!starts.isEmpty() && starts.first() + sizeMillis + latenessMillis <= watermarkMillis) {
      starts.pollFirst();
    }
  }

  /** Windows whose end the watermark has not reached: their on-time pane is still to come. */
  int awaitingOnTime(long watermarkMillis) {
    return starts.tailSet(watermarkMillis - sizeMillis, false).size();
  }

  /** Windows past their end but within the allowed lateness (after {@link #closeUpTo}). */
  int inLateness(long watermarkMillis) {
    return starts.size() - awaitingOnTime(watermarkMillis);
  }
}
