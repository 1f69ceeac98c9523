package io.funnelpulse.model;

/** How serious an anomaly is; tables and alert records hold its name. */
public enum Severity {
  /** Past the score threshold. */
  WARNING,
  /** Past the critical score. */
  CRITICAL
}
