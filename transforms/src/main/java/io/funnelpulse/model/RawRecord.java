package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One input record as read: its text, where it came from (a file, or topic/partition) and its position
 * there (line number, or offset), and, for a record its source already rejected, why. Everything
 * downstream keeps a reference to it so a failure can be written with its raw text and source.
 *
 * @param text the record's text
 * @param source the file, or topic and partition, it was read from
 * @param position its 1-based line number, or its offset
 * @param rejectedAs why its source rejected it, or {@code null} if it did not
 * @param rejection the source's message for a rejected record; empty otherwise
 */
@DefaultCoder(RawRecordCoder.class)
public record RawRecord(String text, String source, long position, FailureReason rejectedAs, String rejection) {
  /** Checks the parts; a record that was not rejected has an empty rejection message. */
  public RawRecord {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    rejection = rejectedAs == null ? "" : Objects.requireNonNull(rejection, "rejection");
  }

  /** A record with its text, source name and position (1-based line number or offset). */
  public static RawRecord of(String text, String source, long position) {
    return new RawRecord(text, source, position, null, "");
  }

  /**
   * A record its source already rejected for {@code reason} (a file that could not be read to its end,
   * a line over the length limit, an event time too far ahead, ...), with a message saying what
   * happened: parsing routes it to the dead letters as it is.
   */
  public static RawRecord rejected(
      String text, String source, long position, FailureReason reason, String message) {
    return new RawRecord(text, source, position, Objects.requireNonNull(reason, "reason"), message);
  }

  @Override
  public String toString() {
    return source + ":" + position + (rejectedAs == null ? " " : " (" + rejectedAs.code() + ") ") + text;
  }
}
