package io.funnelpulse.model;

/** How strong an alert's evidence is; tables and alert records hold its name. */
public enum Severity {
  /** The evidence reached the alert level. */
  WARNING,
  /** The evidence reached the critical level (a hundred times less likely by chance). */
  CRITICAL
}
