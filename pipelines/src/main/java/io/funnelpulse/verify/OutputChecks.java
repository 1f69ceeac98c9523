package io.funnelpulse.verify;

import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks of the written funnel table against the raw input: the final view equals the DuckDB
 * recomputation, no key column is NULL, no pane is written twice, every window with input has output.
 */
final class OutputChecks {
  private final DuckDbSession db;
  private final VerifyOptions options;

  OutputChecks(DuckDbSession db, VerifyOptions options) {
    this.db = db;
    this.options = options;
  }

  List<CheckResult> run() throws SQLException {
    List<CheckResult> results = new ArrayList<>();
    results.add(funnelMatchesReference());
    results.add(noNullKeyColumns());
    results.add(noDuplicatePanes());
    results.add(windowsComplete());
    return results;
  }

  private String allPanes() {
    return FunnelSql.allPanes(options.output(), options.dimension());
  }

  private String reference() {
    return FunnelSql.reference(options.input(), options.windowSizeMinutes(), options.dimension());
  }

  private CheckResult funnelMatchesReference() throws SQLException {
    String name = "funnel_matches_reference";
    String compare =
        FunnelSql.compare(options.input(), options.output(), options.windowSizeMinutes(), options.dimension());
    long differing = db.scalar("SELECT count(*) FROM (" + compare + ")");
    long referenceRows = db.scalar("SELECT count(*) FROM (" + reference() + ")");
    if (differing == 0) {
      return CheckResult.pass(name, String.format(
          "%,d final-view rows equal the DuckDB recomputation (counts, revenue, rates)", referenceRows));
    }
    List<String> rows =
        db.query("SELECT * FROM (" + compare + ") LIMIT " + options.maxRows()).stream()
            .map(OutputChecks::describeCompareRow)
            .collect(Collectors.toList());
    return CheckResult.fail(name, String.format(
        "%,d rows differ from the DuckDB recomputation (%,d reference rows)", differing, referenceRows), rows);
  }

  private static String describeCompareRow(List<Object> r) {
    return String.format("%s: window %s key=%s views=%s carts=%s removes=%s purchases=%s revenue=%s",
        r.get(0), Instant.ofEpochMilli(((Number) r.get(1)).longValue()), r.get(2), r.get(3), r.get(4),
        r.get(5), r.get(6), r.get(7));
  }

  private CheckResult noNullKeyColumns() throws SQLException {
    String name = "no_null_key_columns";
    long nulls = db.scalar("SELECT count(*) FROM (" + allPanes() + ") WHERE window_start IS NULL "
        + "OR window_end IS NULL OR window_date IS NULL OR pane_index IS NULL OR pane_timing IS NULL "
        + "OR views IS NULL OR carts IS NULL OR removes IS NULL OR purchases IS NULL OR revenue IS NULL");
    return nulls == 0
        ? CheckResult.pass(name, "window, pane and count columns are never NULL")
        : CheckResult.fail(name, String.format("%,d rows have a NULL window, pane or count column", nulls),
            List.of());
  }

  private CheckResult noDuplicatePanes() throws SQLException {
    String name = "no_duplicate_panes";
    String key = FunnelSql.keyColumn(options.dimension());
    List<List<Object>> duplicates = db.query(
        "SELECT epoch_ms(window_start), " + key + ", pane_index, count(*) FROM (" + allPanes() + ") "
            + "GROUP BY 1, 2, 3 HAVING count(*) > 1 ORDER BY 1, 2, 3 LIMIT " + options.maxRows());
    if (duplicates.isEmpty()) {
      return CheckResult.pass(name, "each (window, key, pane_index) is written once");
    }
    return CheckResult.fail(name, "a pane is written more than once without a higher pane_index",
        duplicates.stream()
            .map(r -> String.format("window %s key=%s pane_index=%s written %s times",
                Instant.ofEpochMilli(((Number) r.get(0)).longValue()), r.get(1), r.get(2), r.get(3)))
            .collect(Collectors.toList()));
  }

  private CheckResult windowsComplete() throws SQLException {
    String name = "windows_complete";
    String inputWindows = "SELECT DISTINCT window_start_ms FROM (" + reference() + ")";
    String outputWindows = "SELECT DISTINCT epoch_ms(window_start) FROM (" + allPanes() + ")";
    List<List<Object>> missing = db.query(
        "SELECT * FROM (" + inputWindows + " EXCEPT " + outputWindows + ") ORDER BY 1");
    long windows = db.scalar("SELECT count(*) FROM (" + inputWindows + ")");
    long recentMissing = db.scalar("SELECT count(*) FROM ((SELECT * FROM (" + inputWindows
        + ") ORDER BY 1 DESC LIMIT " + options.recentWindows() + ") EXCEPT " + outputWindows + ")");
    if (missing.isEmpty()) {
      return CheckResult.pass(name, String.format(
          "all %,d windows with valid input have output, the last %d included", windows,
          options.recentWindows()));
    }
    return CheckResult.fail(name, String.format(
        "%,d of %,d windows with valid input have no output (%d of the last %d)", missing.size(), windows,
        recentMissing, options.recentWindows()),
        missing.stream()
            .limit(options.maxRows())
            .map(r -> "missing window " + Instant.ofEpochMilli(((Number) r.get(0)).longValue()))
            .collect(Collectors.toList()));
  }
}
