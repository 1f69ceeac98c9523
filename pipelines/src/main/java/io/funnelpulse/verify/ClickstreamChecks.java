package io.funnelpulse.verify;

import io.funnelpulse.model.TableNames;
import io.funnelpulse.sql.ClickstreamSql;
import io.funnelpulse.sql.DuckDbSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks of the visitors, page views and Top-N tables against the raw input: page views and the
 * Top-N ranking equal DuckDB's exact recomputation, and every window's estimated visitors and sessions
 * lie within 3 standard errors of the exact distinct counts.
 */
final class ClickstreamChecks {
  private final DuckDbSession db;
  private final VerifyOptions options;

  ClickstreamChecks(DuckDbSession db, VerifyOptions options) {
    this.db = db;
    this.options = options;
  }

  List<CheckResult> run() throws SQLException {
    List<CheckResult> results = new ArrayList<>();
    String reference = ClickstreamSql.pageViewsReference(options.input(), options.windowSizeMinutes());
    String pageViews =
        "SELECT epoch_ms(window_start) AS window_start_ms, product_id, views FROM ("
            + ClickstreamSql.finalView(options.output(), TableNames.PAGE_VIEWS, "product_id") + ")";
    results.add(sameRows("pageviews_match_reference", "page views per window and product", reference, pageViews));
    String topReference = ClickstreamSql.topProducts(reference, options.topN());
    String top =
        "SELECT epoch_ms(window_start) AS window_start_ms, rank, product_id, views FROM ("
            + ClickstreamSql.finalView(options.output(), TableNames.TOP_PRODUCTS, "rank") + ")";
    results.add(sameRows("top_products_match_reference", "Top-" + options.topN() + " rows", topReference, top));
    results.add(visitorsWithinBound());
    return results;
  }

  private CheckResult sameRows(String name, String what, String expected, String actual) throws SQLException {
    return SameRows.check(db, options.maxRows(), name, what, expected, actual);
  }

  private CheckResult visitorsWithinBound() throws SQLException {
    String name = "visitors_within_error_bound";
    long lgK = db.scalar("SELECT max(hll_lg_k) FROM read_parquet('" + options.output()
        + "/visitors_hourly/*/*.parquet', hive_partitioning = false)");
    double rse = 1.04 / Math.sqrt(1L << lgK);
    String comparison = ClickstreamSql.visitorsVsExact(options.input(), options.output(), options.windowSizeMinutes(), rse);
    long windows = db.scalar("SELECT count(*) FROM (" + comparison + ")");
    List<List<Object>> outside = db.query("SELECT * FROM (" + comparison + ") WHERE NOT within_bound LIMIT "
        + options.maxRows());
    long outsideCount = db.scalar("SELECT count(*) FROM (" + comparison + ") WHERE NOT within_bound");
    if (outsideCount == 0) {
      return CheckResult.pass(name, String.format(
          "all %,d windows' visitors and sessions within 3 standard errors (%.2f%% each, lgK %d) of exact",
          windows, 100 * rse, lgK));
    }
    return CheckResult.fail(name, String.format("%,d of %,d windows outside 3 standard errors", outsideCount, windows),
        outside.stream()
            .map(r -> String.format("window %s visitors %s vs exact %s, sessions %s vs exact %s",
                r.get(0) == null ? "?" : Instant.ofEpochMilli(((Number) r.get(0)).longValue()), r.get(1), r.get(2),
                r.get(4), r.get(5)))
            .collect(Collectors.toList()));
  }
}
