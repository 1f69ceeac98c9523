package io.funnelpulse.model;

/** Where an alert is in its life; tables and alert records hold its name. */
public enum AlertStatus {
  /** The run of evidence just became significant: the alert's first record. */
  OPENED,
  /** The anomaly goes on: the same alert, longer, with new totals. */
  UPDATED,
  /** The metric recovered in this window: the alert's last record. */
  CLOSED
}
