package io.funnelpulse.transforms.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses event times: the REES46 form {@code 2019-10-01 00:00:05 UTC} (fast path), and ISO-8601 with an
 * offset ({@code 2019-10-01T00:00:05Z}, {@code 2019-10-01T02:00:05+02:00}) or without one (taken as
 * UTC). Returns {@link #INVALID} instead of throwing.
 */
public final class EventTimes {
  /** Returned when the text is not a time. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final int REES46_LENGTH = "2019-10-01 00:00:05 UTC".length();

  private EventTimes() {}

  /** Earliest accepted event time: 1970-01-01T00:00:00Z. */
  public static final long MIN_MILLIS = 0L;
  /** Latest accepted event time: 2200-01-01T00:00:00Z. */
  public static final long MAX_MILLIS = 7_258_118_400_000L;

  /**
   * Epoch milliseconds of {@code text}, or {@link #INVALID} when it is not a time or lies outside
   * [{@link #MIN_MILLIS}, {@link #MAX_MILLIS}).
   */
  public static long parseMillis(String text) {
    long millis = parseAny(text);
    return millis >= MIN_MILLIS && millis < MAX_MILLIS ? millis : INVALID;
  }

  private static long parseAny(String text) {
    if (text == null) {
      return INVALID;
    }
    String t = text.trim();
    if (t.length() == REES46_LENGTH && t.endsWith(" UTC") && t.charAt(10) == ' ') {
      return parseRees46(t);
    }
    return parseIso(t);
  }

  private static long parseRees46(String t) {
    if (t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return INVALID;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return INVALID;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static long parseIso(String t) {
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // fall through: maybe no offset
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return INVALID;
    }
  }
}
