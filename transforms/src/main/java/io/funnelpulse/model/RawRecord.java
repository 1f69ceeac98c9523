package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One input record as read: its text, where it came from (a file, or topic/partition) and its position
 * there (line number, or offset). Everything downstream keeps a reference to it so a failure can be
 * written with its raw text and source.
 */
@DefaultCoder(RawRecordCoder.class)
public final class RawRecord {
  private final String text;
  private final String source;
  private final long position;
  private final FailureReason rejectedAs;
  private final String rejection;

  private RawRecord(String text, String source, long position, FailureReason rejectedAs, String rejection) {
    this.text = Objects.requireNonNull(text, "text");
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
    this.rejectedAs = rejectedAs;
    this.rejection = rejectedAs == null ? "" : Objects.requireNonNull(rejection, "rejection");
  }

  /** A record with its text, source name and position (1-based line number or offset). */
  public static RawRecord of(String text, String source, long position) {
    return new RawRecord(text, source, position, null, "");
  }

  /**
   * A record that a streaming source read after the watermark had passed the end of its window plus
   * the allowed lateness: parsing routes it to the dead letters as {@code too_late}.
   */
  public static RawRecord tooLate(String text, String source, long position) {
    return new RawRecord(text, source, position, FailureReason.TOO_LATE, "");
  }

  /**
   * A record its source already rejected for {@code reason} (a file that could not be read to its end,
   * a line over the length limit, ...), with a message saying what happened: parsing routes it to the
   * dead letters as it is.
   */
  public static RawRecord rejected(
      String text, String source, long position, FailureReason reason, String message) {
    return new RawRecord(text, source, position, Objects.requireNonNull(reason, "reason"), message);
  }

  /** Whether the source marked this record as beyond the allowed lateness. */
  public boolean isTooLate() {
    return rejectedAs == FailureReason.TOO_LATE;
  }

  /** Why the source rejected this record, or {@code null} if it did not. */
  public FailureReason rejectedAs() {
    return rejectedAs;
  }

  /** The source's message for a rejected record; empty otherwise. */
  public String rejection() {
    return rejection;
  }

  public String text() {
    return text;
  }

  public String source() {
    return source;
  }

  public long position() {
    return position;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawRecord)) {
      return false;
    }
    RawRecord that = (RawRecord) o;
    return position == that.position
        && rejectedAs == that.rejectedAs
        && rejection.equals(that.rejection)
        && text.equals(that.text)
        && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, source, position, rejectedAs, rejection);
  }

  @Override
  public String toString() {
    return source + ":" + position + (rejectedAs == null ? " " : " (" + rejectedAs.code() + ") ") + text;
  }
}
