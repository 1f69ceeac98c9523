package io.funnelpulse.sql;

import io.funnelpulse.model.TableNames;
import io.funnelpulse.transforms.clean.SilverRules;
import java.util.Map;

/**
 * The shipped visitor and page-view SQL ({@code src/sql/}) filled in for an input and an output
 * directory: clean events, exact page views and Top-N, the final views of the written tables, and
 * the estimated-against-exact visitor comparison.
 */
public final class ClickstreamSql {
  private ClickstreamSql() {}

  /** Clean events of the raw input with their window start. */
  public static String cleanEvents(String inputGlob, int windowMinutes) {
    return SqlTemplate.load("clean_events")
        .with(Map.of("raw", FunnelSql.rawRows(inputGlob), "window_seconds", String.valueOf(windowMinutes * 60L),
            "max_key_characters", String.valueOf(SilverRules.MAX_KEY_CHARACTERS)));
  }

  /** Exact page views per window and product from the raw input. */
  public static String pageViewsReference(String inputGlob, int windowMinutes) {
    return SqlTemplate.load("pageviews_reference").with(Map.of("clean", cleanEvents(inputGlob, windowMinutes)));
  }

  /** The Top-N products per window of a page-view query (window_start_ms, product_id, views). */
  public static String topProducts(String pageViews, int topN) {
    return SqlTemplate.load("top_products_from_pageviews")
        .with(Map.of("pageviews", pageViews, "top_n", String.valueOf(topN)));
  }

  /** The latest pane per window and {@code key} of {@code table} under {@code outputDir}. */
  public static String finalView(String outputDir, String table, String key) {
    return SqlTemplate.load("final_view").with(Map.of("table", outputDir + "/" + table, "key", key));
  }

  /** Estimated visitors of the final view against exact counts, with the 3-sigma verdict. */
  public static String visitorsVsExact(String inputGlob, String outputDir, int windowMinutes, double rse) {
    return SqlTemplate.load("visitors_vs_exact")
        .with(
            Map.of(
                "clean", cleanEvents(inputGlob, windowMinutes),
                "visitors", finalView(outputDir, TableNames.VISITORS, "NULL"),
                "rse", String.valueOf(rse)));
  }
}
