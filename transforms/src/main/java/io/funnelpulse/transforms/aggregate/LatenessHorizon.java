package io.funnelpulse.transforms.aggregate;

import java.io.Serializable;
import org.joda.time.Duration;

/**
 * The lateness rule, in one place: a record is too late for the windowing ({@link WindowByEventTime})
 * when its fixed window's end plus the allowed lateness is not after the watermark, the point at which
 * Beam's windowing would drop it without a trace.
 *
 * <p>How a too-late record reaches the dead letters instead: a streaming source judges each record
 * against its own watermark as it reads it ({@link #isPast}) and stamps a too-late record at that
 * watermark instead of at its event time, so the windowing does not see it as droppable;
 * {@link PreAggregate}, which parses every record once, finds the element's timestamp after the
 * record's own event time ({@link #stampedTooLate}) and sends it on as {@code too_late}. A source never
 * stamps a record after its event time for any other reason.
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

  /** Whether a record of {@code eventTimeMillis} was stamped {@code timestampMillis} by a source that found it too late. */
  public static boolean stampedTooLate(long eventTimeMillis, long timestampMillis) {
    return timestampMillis > eventTimeMillis;
  }

  /** The dead letter's message for a too-late record whose event time reads {@code eventTime}. */
  static String tooLateMessage(String eventTime) {
    return "event_time " + eventTime + " arrived after its window closed (beyond allowed lateness)";
  }
}
