package io.funnelpulse.pipelines;

import io.funnelpulse.model.TableNames;
import java.util.ArrayList;
import java.util.List;

/** Which tables a run writes under its output directory (their names are {@link TableNames}). */
public final class OutputTables {
  /** Schema of the visitor tables without a key. */
  static final String VISITORS_SCHEMA = "visitors";
  /** Schema of the visitor tables per brand. */
  static final String VISITORS_BY_BRAND_SCHEMA = "visitors_brand";

  private OutputTables() {}

  /** Every table the job configured by {@code options} writes. */
  public static List<String> of(FunnelPulseOptions options) {
    List<String> tables = new ArrayList<>();
    tables.add(options.getDimension().tableName());
    tables.add(TableNames.DEAD_LETTER);
    if (AnomalyBranch.enabled(options)) {
      tables.add(TableNames.ANOMALIES);
    }
    if (options.getClickstreamTables()) {
      tables.addAll(List.of(TableNames.VISITORS, TableNames.VISITORS_BY_BRAND, TableNames.PAGE_VIEWS, TableNames.TOP_PRODUCTS));
      if (RollupPeriod.parse(options.getRollup()) != RollupPeriod.NONE) {
        tables.addAll(List.of(TableNames.VISITORS_DAILY, TableNames.VISITORS_DAILY_BY_BRAND));
      }
    }
    if (SessionBranch.enabled(options)) {
      tables.addAll(List.of(TableNames.SESSIONS, TableNames.SESSION_FUNNEL_HOURLY_BRAND));
    }
    if (SlidingConversionBranch.enabled(options)) {
      tables.add(TableNames.CONVERSION_SLIDING_BRAND);
    }
    return tables;
  }
}
