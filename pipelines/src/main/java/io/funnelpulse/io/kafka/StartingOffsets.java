package io.funnelpulse.io.kafka;

/** Where a Kafka partition with no checkpoint starts: its first record or the next one produced. */
public enum StartingOffsets {
  EARLIEST,
  LATEST;

  /** The consumer's {@code auto.offset.reset} value. */
  public String autoOffsetReset() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
