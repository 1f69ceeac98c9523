package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record that could not be used: its raw input (text, source, position), the reason code and a human
 * message. This is what the dead-letter output holds.
 *
 * @param raw the record as read
 * @param reason why it could not be used
 * @param message what was wrong, naming the offending value
 */
@DefaultCoder(FailedRecordCoder.class)
public record FailedRecord(RawRecord raw, FailureReason reason, String message) {
  /** Checks that every part is present. */
  public FailedRecord {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** A failure of {@code raw} for {@code reason}, with a message naming the offending value. */
  public static FailedRecord of(RawRecord raw, FailureReason reason, String message) {
    return new FailedRecord(raw, reason, message);
  }

  @Override
  public String toString() {
    return reason.code() + " at " + raw.source() + ":" + raw.position() + " (" + message + ")";
  }
}
