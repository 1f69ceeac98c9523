package io.funnelpulse.transforms.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180 quoting: quoted fields may hold commas and doubled quotes) into its
 * fields. Empty fields and quoted empty strings ({@code ""}) come back as {@code null}, i.e. missing. A
 * trailing carriage return is ignored.
 */
public final class CsvFields {
  /** The REES46 header line: the column names in file order. */
  public static final String REES46_HEADER = String.join(",", RecordFields.NAMES);

  /** Number of REES46 columns; the last one is the user session. */
  public static final int REES46_COLUMNS = RecordFields.NAMES.length;

  private CsvFields() {}

  /**
   * Returns the fields of {@code line}, or {@code null} if the line is not well-formed CSV (an
   * unterminated quote, or text after a closing quote).
   */
  public static List<String> split(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    List<String> fields = new ArrayList<>(9);
    int i = 0;
    while (true) {
      if (i < end && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < end) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < end && line.charAt(i + 1) == '"') {
              value.append('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          value.append(c);
          i++;
        }
        if (!closed || (i < end && line.charAt(i) != ',')) {
          return null;
        }
        fields.add(value.length() == 0 ? null : value.toString());
      } else {
        int comma = line.indexOf(',', i);
        int stop = comma < 0 || comma > end ? end : comma;
        for (int q = i; q < stop; q++) {
          if (line.charAt(q) == '"') {
            return null;
          }
        }
        fields.add(stop == i ? null : line.substring(i, stop));
        i = stop;
      }
      if (i >= end) {
        return fields;
      }
      i++; // skip the comma
      if (i == end) {
        fields.add(null);
        return fields;
      }
    }
  }
}
