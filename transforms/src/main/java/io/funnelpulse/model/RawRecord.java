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

  private RawRecord(String text, String source, long position) {
    this.text = Objects.requireNonNull(text, "text");
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
  }

  /** A record with its text, source name and position (1-based line number or offset). */
  public static RawRecord of(String text, String source, long position) {
    return new RawRecord(text, source, position);
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
    return position == that.position && text.equals(that.text) && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, source, position);
  }

  @Override
  public String toString() {
    return source + ":" + position + " " + text;
  }
}
