package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.TableNames;

/**
 * What the funnel is grouped by inside each window: brand (the default), category code, or nothing (one
 * row per window). It names the output table and its key column.
 */
public enum FunnelDimension {
  BRAND("brand"),
  CATEGORY("category_code"),
  NONE(null);

  private final String column;

  FunnelDimension(String column) {
    this.column = column;
  }

  /** The key column name, or {@code null} for {@link #NONE}. */
  public String column() {
    return column;
  }

  /** The output table name, e.g. {@code funnel_hourly_brand}; {@code funnel_hourly} for NONE. */
  public String tableName() {
    return TableNames.funnel(column == null ? null : this == CATEGORY ? "category" : column);
  }

  /** The key of an event in this dimension; {@code null} when missing, always {@code null} for NONE. */
  public String keyOf(ClickEvent event) {
    switch (this) {
      case BRAND:
        return event.brand();
      case CATEGORY:
        return event.categoryCode();
      default:
        return null;
    }
  }
}
