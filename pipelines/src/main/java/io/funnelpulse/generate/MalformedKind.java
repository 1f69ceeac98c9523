package io.funnelpulse.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The kinds of broken lines the generator can add, each made by corrupting a valid row: the
 * failures a real pipeline meets in hand-exported or truncated CSV files.
 */
enum MalformedKind {
  WRONG_COLUMN_COUNT("wrong_column_count"),
  BAD_TIMESTAMP("bad_timestamp"),
  UNKNOWN_EVENT_TYPE("unknown_event_type"),
  MISSING_PRICE("missing_price"),
  NON_NUMERIC_PRICE("non_numeric_price"),
  MISSING_EVENT_TIME("missing_event_time");

  private static final MalformedKind[] ALL = values();
  private static final String[] BAD_TIMES = {"2019-13-45 xx", "2019-10-01T25:61:00", "yesterday"};

  private final String label;

  MalformedKind(String label) {
    this.label = label;
  }

  /** The name reported in {@link GenerationReport#malformedByKind()}. */
  String label() {
    return label;
  }

  static MalformedKind pick(SplittableRandom random) {
    return ALL[random.nextInt(ALL.length)];
  }

  /** A broken variant of {@code validRow} (a 9-column row without quoted commas). */
  String corrupt(String validRow, SplittableRandom random) {
    String[] f = validRow.split(",", -1);
    switch (this) {
      case WRONG_COLUMN_COUNT:
        return wrongColumnCount(validRow, f, random);
      case BAD_TIMESTAMP:
        f[0] = BAD_TIMES[random.nextInt(BAD_TIMES.length)];
        break;
      case UNKNOWN_EVENT_TYPE:
        f[1] = "wishlist";
        break;
      case MISSING_PRICE:
        f[6] = "";
        break;
      case NON_NUMERIC_PRICE:
        f[6] = "abc";
        break;
      case MISSING_EVENT_TIME:
        f[0] = "";
        break;
      default:
        throw new AssertionError(this);
    }
    return String.join(",", f);
  }

  private static String wrongColumnCount(String row, String[] f, SplittableRandom random) {
    switch (random.nextInt(3)) {
      case 0: // truncated write
        return String.join(",", Arrays.copyOf(f, 5));
      case 1: // an extra column
        return row + ",extra";
      default: // garbage text
        return "garbage line " + Long.toHexString(random.nextLong());
    }
  }
}
