package io.funnelpulse.io;

import java.io.Serializable;
import org.joda.time.Duration;

/**
 * When a record is too late for the windowing: its fixed window's end plus the allowed lateness is
 * not after the watermark. A streaming source applies it as it reads, so such a record goes to the
 * dead letters as {@code too_late} instead of being dropped by the windowing.
 */
public final class LatenessHorizon implements Serializable {
  private final long windowMillis;
  private final long latenessMillis;

  private LatenessHorizon(long windowMillis, long latenessMillis) {
    this.windowMillis = windowMillis;
    this.latenessMillis = latenessMillis;
  }

  /** Fixed windows of {@code windowSize} with {@code allowedLateness}. */
  public static LatenessHorizon of(Duration windowSize, Duration allowedLateness) {
    return new LatenessHorizon(windowSize.getMillis(), allowedLateness.getMillis());
  }

  /** Whether a record of {@code eventTimeMillis} is past its window's horizon at {@code watermarkMillis}. */
  public boolean isPast(long eventTimeMillis, long watermarkMillis) {
    long windowEnd = eventTimeMillis - Math.floorMod(eventTimeMillis, windowMillis) + windowMillis;
    return windowEnd + latenessMillis <= watermarkMillis;
  }
}
