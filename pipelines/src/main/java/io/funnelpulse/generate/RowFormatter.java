package io.funnelpulse.generate;

import io.funnelpulse.transforms.parse.CsvFields;
import java.time.LocalDate;

/**
 * Writes one REES46 CSV row without {@code String.format}: {@code yyyy-MM-dd HH:mm:ss UTC} times,
 * two-decimal prices, and missing fields either empty or as a quoted empty string {@code ""}.
 * Not thread-safe (caches the formatted date of the last day seen).
 */
final class RowFormatter {

  static final String HEADER = CsvFields.REES46_HEADER;

  private final StringBuilder line = new StringBuilder(160);
  private long cachedDay = Long.MIN_VALUE;
  private String cachedDate;

  /**
   * Formats a row; {@code session} may be {@code null} (written empty) and so may the product's
   * brand and category code.
   */
  String format(long eventSecond, EventKind kind, Product product, long priceCents, int userId,
      String session, boolean quotedEmpty) {
    String empty = quotedEmpty ? "\"\"" : "";
    line.setLength(0);
    appendTime(eventSecond);
    line.append(',').append(kind.label())
        .append(',').append(product.productId())
        .append(',').append(product.categoryId())
        .append(',').append(product.categoryCode() == null ? empty : product.categoryCode())
        .append(',').append(product.brand() == null ? empty : product.brand())
        .append(',');
    appendPrice(priceCents);
    line.append(',').append(userId)
        .append(',').append(session == null ? empty : session);
    return line.toString();
  }

  private void appendTime(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDate = LocalDate.ofEpochDay(day).toString();
    }
    int secondOfDay = Math.floorMod(epochSecond, 86_400);
    line.append(cachedDate).append(' ');
    twoDigits(secondOfDay / 3600);
    line.append(':');
    twoDigits(secondOfDay / 60 % 60);
    line.append(':');
    twoDigits(secondOfDay % 60);
    line.append(" UTC");
  }

  private void appendPrice(long cents) {
    if (cents < 0) {
      line.append('-');
      cents = -cents;
    }
    line.append(cents / 100).append('.');
    twoDigits((int) (cents % 100));
  }

  private void twoDigits(int value) {
    line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
