package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record that could not be used: its raw input (text, source, position), the reason code and a human
 * message. This is what the dead-letter output holds.
 */
@DefaultCoder(FailedRecordCoder.class)
public final class FailedRecord {
  private final RawRecord raw;
  private final FailureReason reason;
  private final String message;

  private FailedRecord(RawRecord raw, FailureReason reason, String message) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** A failure of {@code raw} for {@code reason}, with a message naming the offending value. */
  public static FailedRecord of(RawRecord raw, FailureReason reason, String message) {
    return new FailedRecord(raw, reason, message);
  }

  public RawRecord raw() {
    return raw;
  }

  public FailureReason reason() {
    return reason;
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FailedRecord)) {
      return false;
    }
    FailedRecord that = (FailedRecord) o;
    return raw.equals(that.raw) && reason == that.reason && message.equals(that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(raw, reason, message);
  }

  @Override
  public String toString() {
    return reason.code() + " at " + raw.source() + ":" + raw.position() + " (" + message + ")";
  }
}
