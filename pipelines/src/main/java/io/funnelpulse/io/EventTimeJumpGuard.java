package io.funnelpulse.io;

import java.io.Serializable;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The rule that keeps a record stamped far ahead of the data around it (a client with a wrong clock)
 * from moving a stream's watermark: a record more than {@code maxJump} ahead of the highest event time
 * read so far is a jump; a jump is followed when the records after it confirm it (a watched file reads
 * ahead: at least {@link #CONFIRMATIONS} of the next {@link #LOOKAHEAD} are jumps too; a Kafka partition,
 * which cannot read ahead, follows the {@link #CONFIRMATIONS}th jump in a row), as data resuming after
 * a gap does; otherwise the record goes to the dead letters as {@code future_event_time} and changes
 * nothing else. A {@code maxJump} of zero turns the guard off.
 */
public final class EventTimeJumpGuard implements Serializable {
  /** Default largest step of the highest event time taken without confirmation. */
  public static final Duration DEFAULT_MAX_JUMP = Duration.standardHours(24);
  /** How many records after a jump are looked at. */
  public static final int LOOKAHEAD = 5;
  /** How many of them must be jumps too for the jump to be followed. */
  public static final int CONFIRMATIONS = 3;

  private final long maxJumpMillis;

  private EventTimeJumpGuard(long maxJumpMillis) {
    if (maxJumpMillis < 0) {
      throw new IllegalArgumentException("The largest event-time jump must not be negative, got " + maxJumpMillis);
    }
    this.maxJumpMillis = maxJumpMillis;
  }

  /** A guard against steps of more than {@code maxJump}; {@link Duration#ZERO} turns it off. */
  public static EventTimeJumpGuard of(Duration maxJump) {
    return new EventTimeJumpGuard(maxJump.getMillis());
  }

  /** Whether an event at {@code eventTimeMillis} jumps past {@code maxEventTimeMillis} by more than allowed. */
  public boolean isJump(long eventTimeMillis, long maxEventTimeMillis) {
    return maxJumpMillis > 0
        && maxEventTimeMillis != Long.MIN_VALUE
        && eventTimeMillis - maxEventTimeMillis > maxJumpMillis;
  }

  /**
   * Whether the event times of the records that follow a jump (at most {@link #LOOKAHEAD}, those
   * without a time left out) confirm it.
   */
  public boolean confirmedBy(List<Long> followingEventTimes, long maxEventTimeMillis) {
    int jumps = 0;
    for (long millis : followingEventTimes) {
      if (isJump(millis, maxEventTimeMillis)) {
        jumps++;
      }
    }
    return jumps >= CONFIRMATIONS;
  }

  /**
   * The dead-letter message for a jump that was not confirmed: {@code eventTimeMillis} against the time
   * it jumped from, {@code referenceMillis}, named by {@code reference}.
   */
  public String message(long eventTimeMillis, long referenceMillis, String reference) {
    return "event_time " + new Instant(eventTimeMillis) + " is "
        + (eventTimeMillis - referenceMillis) / 60_000 + " minutes ahead of " + reference + " ("
        + new Instant(referenceMillis) + "), more than --maxEventTimeJumpMinutes="
        + maxJumpMillis / 60_000 + ", and the records after it do not confirm the jump";
  }
}
