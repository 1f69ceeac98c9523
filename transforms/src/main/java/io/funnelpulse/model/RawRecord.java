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
  private final boolean tooLate;

  private RawRecord(String text, String source, long position, boolean tooLate) {
    this.text = Objects.requireNonNull(text, "text");
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
    this.tooLate = tooLate;
  }

  /** A record with its text, source name and position (1-based line number or offset). */
  public static RawRecord of(String text, String source, long position) {
    return new RawRecord(text, source, position, false);
  }

  /**
   * A record that a streaming source read after the watermark had passed the end of its window plus
   * the allowed lateness: parsing routes it to the dead letters as {@code too_late}.
   */
  public static RawRecord tooLate(String text, String source, long position) {
    return new RawRecord(text, source, position, true);
  }

  /** Whether the source marked this record as beyond the allowed lateness. */
  public boolean isTooLate() {
    return tooLate;
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
        && tooLate == that.tooLate
        && text.equals(that.text)
        && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, source, position, tooLate);
  }

  @Override
  public String toString() {
    return source + ":" + position + (tooLate ? " (too late) " : " ") + text;
  }
}
