package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.FunnelCounts;

/** The funnel metrics watched for anomalies: two volumes and two rates. */
public enum AnomalyMetric {
  /** View events in the window. */
  VIEWS("views"),
  /** Purchase events in the window. */
  PURCHASES("purchases"),
  /** carts / views. */
  VIEW_TO_CART_RATE("view_to_cart_rate"),
  /** purchases / views. */
  CONVERSION_RATE("conversion_rate");

  private final String column;

  AnomalyMetric(String column) {
    this.column = column;
  }

  /** The name written in the {@code metric} column (the funnel table's column name). */
  public String column() {
    return column;
  }

  /** Whether the metric is a rate over views rather than a count. */
  public boolean isRate() {
    return this == VIEW_TO_CART_RATE || this == CONVERSION_RATE;
  }

  /** The metric's value in {@code counts}; {@code null} for a rate without views. */
  public Double valueOf(FunnelCounts counts) {
    switch (this) {
      case VIEWS:
        return (double) counts.views();
      case PURCHASES:
        return (double) counts.purchases();
      case VIEW_TO_CART_RATE:
        return counts.viewToCartRate();
      case CONVERSION_RATE:
        return counts.conversionRate();
      default:
        throw new IllegalStateException("Unknown metric " + this);
    }
  }
}
