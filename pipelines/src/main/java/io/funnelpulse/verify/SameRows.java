package io.funnelpulse.verify;

import io.funnelpulse.sql.DuckDbSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A check that two queries return the same rows (as sets): the rows of the DuckDB recomputation the
 * output lacks are listed as {@code missing}, the output's rows the recomputation lacks as {@code
 * extra}. The first column after {@code side} is shown as a time when it is epoch millis.
 */
final class SameRows {
  private SameRows() {}

  static CheckResult check(DuckDbSession db, int maxRows, String name, String what, String expected, String actual)
      throws SQLException {
    String expectedRows = "SELECT * FROM (" + expected + ")";
    String actualRows = "SELECT * FROM (" + actual + ")";
    String missing = "SELECT 'missing' AS side, * FROM (" + expectedRows + " EXCEPT " + actualRows + ")";
    String extra = "SELECT 'extra' AS side, * FROM (" + actualRows + " EXCEPT " + expectedRows + ")";
    String differing = missing + " UNION ALL " + extra;
    long count = db.scalar("SELECT count(*) FROM (" + differing + ")");
    long rows = db.scalar("SELECT count(*) FROM (" + expected + ")");
    if (count == 0) {
      return CheckResult.pass(name, String.format("%,d %s equal the DuckDB recomputation", rows, what));
    }
    List<String> examples = db.query("SELECT * FROM (" + differing + ") ORDER BY 2, 3 LIMIT " + maxRows)
        .stream()
        .map(r -> r.get(0) + ": " + shown(r.get(1)) + " " + r.subList(2, r.size()))
        .collect(Collectors.toList());
    return CheckResult.fail(name, String.format("%,d of %,d %s differ from the DuckDB recomputation", count, rows, what),
        examples);
  }

  private static String shown(Object first) {
    return first instanceof Number ? "window " + Instant.ofEpochMilli(((Number) first).longValue()) : String.valueOf(first);
  }
}
