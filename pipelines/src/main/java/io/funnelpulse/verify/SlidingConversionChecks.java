package io.funnelpulse.verify;

import io.funnelpulse.model.TableNames;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The check of {@code conversion_sliding_brand}: its final view equals the brand funnel over the same
 * sliding windows recomputed by DuckDB from the raw input. The windows' length is read from the table,
 * their period is the run's ({@code --slidingPeriodMinutes}).
 */
final class SlidingConversionChecks {
  private final DuckDbSession db;
  private final VerifyOptions options;

  SlidingConversionChecks(DuckDbSession db, VerifyOptions options) {
    this.db = db;
    this.options = options;
  }

  List<CheckResult> run() throws SQLException {
    String name = "sliding_conversion_matches_reference";
    long sizeSeconds = db.scalar("SELECT max(epoch(window_end) - epoch(window_start))::BIGINT FROM read_parquet('"
        + options.output() + "/" + TableNames.CONVERSION_SLIDING_BRAND + "/*/*.parquet', hive_partitioning = false)");
    long periodSeconds = options.slidingPeriodMinutes() * 60L;
    String compare = FunnelSql.slidingCompare(
        options.input(), options.output(), options.windowSizeMinutes(), sizeSeconds, periodSeconds);
    long differing = db.scalar("SELECT count(*) FROM (" + compare + ")");
    if (differing == 0) {
      return List.of(CheckResult.pass(name, String.format(
          "the brand funnel over sliding windows of %d h every %d min equals the DuckDB recomputation",
          sizeSeconds / 3600, periodSeconds / 60)));
    }
    List<String> rows = db.query("SELECT * FROM (" + compare + ") LIMIT " + options.maxRows()).stream()
        .map(r -> String.format("%s: window %s brand=%s views=%s carts=%s purchases=%s revenue=%s", r.get(0),
            Instant.ofEpochMilli(((Number) r.get(1)).longValue()), r.get(2), r.get(3), r.get(4), r.get(6), r.get(7)))
        .collect(Collectors.toList());
    return List.of(CheckResult.fail(name, String.format(
        "%,d sliding-window rows differ from the DuckDB recomputation", differing), rows));
  }
}
