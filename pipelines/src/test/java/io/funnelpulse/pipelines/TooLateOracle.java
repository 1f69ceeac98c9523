package io.funnelpulse.pipelines;

/**
 * The test's own account of which events a streaming source must find too late, written out
 * independently of the product: read in order, with a watermark of the highest event time so far minus
 * the out-of-orderness, an event is too late when its hourly window's end plus the allowed lateness is
 * not after that watermark. One oracle per ordered stream (a landing directory, a Kafka partition).
 */
final class TooLateOracle {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  private final long latenessMillis;
  private final long outOfOrdernessMillis;
  private long maxEventTime = Long.MIN_VALUE;

  TooLateOracle(int latenessMinutes, int outOfOrdernessMinutes) {
    this.latenessMillis = latenessMinutes * MINUTE;
    this.outOfOrdernessMillis = outOfOrdernessMinutes * MINUTE;
  }

  /** Whether the next event read, at {@code eventTimeMillis}, is too late; counts it as read. */
  boolean readIsTooLate(long eventTimeMillis) {
    long windowEnd = eventTimeMillis - Math.floorMod(eventTimeMillis, HOUR) + HOUR;
    boolean tooLate =
        maxEventTime != Long.MIN_VALUE && windowEnd + latenessMillis <= maxEventTime - outOfOrdernessMillis;
    maxEventTime = Math.max(maxEventTime, eventTimeMillis);
    return tooLate;
  }
}
