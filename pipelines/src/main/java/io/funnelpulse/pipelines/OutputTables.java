package io.funnelpulse.pipelines;

import io.funnelpulse.io.TableSchemas;
import java.util.ArrayList;
import java.util.List;

/** The names of the tables a run writes under its output directory. */
public final class OutputTables {
  /** Distinct visitors and sessions per window. */
  public static final String VISITORS = "visitors_hourly";
  /** Distinct visitors and sessions per window and brand. */
  public static final String VISITORS_BY_BRAND = "visitors_hourly_brand";
  /** Daily rollup of {@link #VISITORS}. */
  public static final String VISITORS_DAILY = "visitors_daily";
  /** Daily rollup of {@link #VISITORS_BY_BRAND}. */
  public static final String VISITORS_DAILY_BY_BRAND = "visitors_daily_brand";
  /** Page views per window and product. */
  public static final String PAGE_VIEWS = "pageviews_hourly";
  /** Top-N products per window. */
  public static final String TOP_PRODUCTS = "top_products_hourly";
  /** Funnel anomaly alerts per brand and window. */
  public static final String ANOMALIES = "anomalies";
  /** Schema of the visitor tables without a key. */
  static final String VISITORS_SCHEMA = "visitors";
  /** Schema of the visitor tables per brand. */
  static final String VISITORS_BY_BRAND_SCHEMA = "visitors_brand";

  private OutputTables() {}

  /** Every table the job configured by {@code options} writes. */
  public static List<String> of(FunnelPulseOptions options) {
    List<String> tables = new ArrayList<>();
    tables.add(options.getDimension().tableName());
    tables.add(TableSchemas.DEAD_LETTER);
    if (AnomalyBranch.enabled(options)) {
      tables.add(ANOMALIES);
    }
    if (options.getClickstreamTables()) {
      tables.addAll(List.of(VISITORS, VISITORS_BY_BRAND, PAGE_VIEWS, TOP_PRODUCTS));
      if (RollupPeriod.parse(options.getRollup()) != RollupPeriod.NONE) {
        tables.addAll(List.of(VISITORS_DAILY, VISITORS_DAILY_BY_BRAND));
      }
    }
    return tables;
  }
}
