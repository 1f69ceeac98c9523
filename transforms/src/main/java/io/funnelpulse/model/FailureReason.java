package io.funnelpulse.model;

/** Why a record went to the dead letters; {@link #code()} is the stable reason code users filter on. */
public enum FailureReason {
  MALFORMED_LINE("malformed_line", "line is not a well-formed record"),
  BAD_TIMESTAMP("bad_timestamp", "event_time is missing or unparseable"),
  MISSING_EVENT_TYPE("missing_event_type", "event_type is missing"),
  UNKNOWN_EVENT_TYPE("unknown_event_type", "event_type is not view, cart, remove_from_cart or purchase"),
  MISSING_PRICE("missing_price", "price is missing"),
  BAD_PRICE("bad_price", "price is not a decimal number"),
  NON_POSITIVE_PRICE("non_positive_price", "price is zero or negative"),
  FIELD_TOO_LONG("field_too_long", "a key field (brand, category_code, product_id, user_id, user_session) is over 256 characters"),
  TOO_LATE("too_late", "event arrived after its window closed (beyond allowed lateness)"),
  FUTURE_EVENT_TIME("future_event_time", "event time far ahead of the data around it (a wrong clock); it did not move the watermark"),
  UNREADABLE_FILE("unreadable_file", "the file could not be read to its end (truncated, corrupt, no permission)"),
  LINE_TOO_LONG("line_too_long", "the line is longer than the limit (--maxLineBytes); its start is kept");

  private final String code;
  private final String description;

  FailureReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The stable lower-case reason code, e.g. {@code non_positive_price}. */
  public String code() {
    return code;
  }

  /** The reason with {@code code}; an IllegalArgumentException for an unknown code. */
  public static FailureReason fromCode(String code) {
    for (FailureReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("Unknown failure reason '" + code + "'");
  }

  /** A short human description of the reason. */
  public String description() {
    return description;
  }
}
