package io.funnelpulse.model;

/** The four REES46 event types, with the lower-case code used in the raw data. */
public enum EventType {
  VIEW("view"),
  CART("cart"),
  REMOVE_FROM_CART("remove_from_cart"),
  PURCHASE("purchase");

  private static final EventType[] VALUES = values();

  private final String code;

  EventType(String code) {
    this.code = code;
  }

  /** The code as written in the data, e.g. {@code remove_from_cart}. */
  public String code() {
    return code;
  }

  /** Returns the type for a raw code (exact, lower-case), or {@code null} if it is not one of ours. */
  public static EventType fromCode(String code) {
    if (code == null) {
      return null;
    }
    for (EventType type : VALUES) {
      if (type.code.equals(code)) {
        return type;
      }
    }
    return null;
  }

  /** Returns the type with the given ordinal; used by coders. */
  public static EventType fromOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
