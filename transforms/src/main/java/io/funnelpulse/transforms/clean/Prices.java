package io.funnelpulse.transforms.clean;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact conversion of price text to cents. Plain decimals with at most two fraction digits take a fast
 * path; anything else Java's {@link BigDecimal} accepts is rounded half-up to the cent.
 */
public final class Prices {
  /** Returned when the text is not a number. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final int MAX_INTEGER_DIGITS = 18;

  private Prices() {}

  /** The price in cents, or {@link #INVALID}. */
  public static long toCents(String text) {
    String t = text.trim();
    long fast = fastCents(t);
    if (fast != INVALID) {
      return fast;
    }
    try {
      BigDecimal value = new BigDecimal(t);
      if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
        return INVALID;
      }
      return value.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return INVALID;
    }
  }

  private static long fastCents(String t) {
    int n = t.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    long units = 0;
    int intDigits = 0;
    while (i < n && isAsciiDigit(t.charAt(i)) && intDigits < 15) {
      units = units * 10 + (t.charAt(i) - '0');
      i++;
      intDigits++;
    }
    long cents = 0;
    int fractionDigits = 0;
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isAsciiDigit(t.charAt(i)) && fractionDigits < 2) {
        cents = cents * 10 + (t.charAt(i) - '0');
        i++;
        fractionDigits++;
      }
    }
    if (i != n || (intDigits == 0 && fractionDigits == 0)) {
      return INVALID;
    }
    if (fractionDigits == 1) {
      cents *= 10;
    }
    long value = units * 100 + cents;
    return negative ? -value : value;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
