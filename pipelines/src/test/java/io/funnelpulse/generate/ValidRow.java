package io.funnelpulse.generate;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test-side, independent reading of one REES46 row: accepts only fully valid rows. */
record ValidRow(long epochSecond, String eventType, String categoryCode, String brand,
    String price, String userSession, String raw) {

  private static final Pattern TIME =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) UTC");
  private static final Set<String> TYPES = Set.of("view", "cart", "remove_from_cart", "purchase");
  private static final Pattern PRICE = Pattern.compile("-?\\d+\\.\\d{2}");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  static Optional<ValidRow> parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 9 || !TYPES.contains(f[1]) || !PRICE.matcher(f[6]).matches()
        || !DIGITS.matcher(f[2]).matches() || !DIGITS.matcher(f[3]).matches()
        || !DIGITS.matcher(f[7]).matches()) {
      return Optional.empty();
    }
    Matcher time = TIME.matcher(f[0]);
    long second;
    try {
      if (!time.matches()) {
        return Optional.empty();
      }
      second = LocalDateTime.of(number(time, 1), number(time, 2), number(time, 3),
          number(time, 4), number(time, 5), number(time, 6)).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    return Optional.of(new ValidRow(second, f[1], empty(f[4]), empty(f[5]), f[6], empty(f[8]), line));
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  /** {@code null} for a field written empty or as {@code ""}. */
  private static String empty(String field) {
    return field.isEmpty() || field.equals("\"\"") ? null : field;
  }

  int hourOfDay() {
    return (int) Math.floorMod(epochSecond, 86_400L) / 3_600;
  }
}
