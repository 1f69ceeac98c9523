package io.funnelpulse.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Funnel anomaly alerts per brand (the {@code anomalies} table). */
public interface AnomalyOptions extends PipelineOptions {
  @Description(
      "Judge each brand's hourly funnel against the same hour on its previous days and write alerts to "
          + "the anomalies table (with --dimension=BRAND only).")
  @Default.Boolean(true)
  Boolean getAnomalies();

  void setAnomalies(Boolean value);

  @Description("Days of same-hour history that form a brand's baseline.")
  @Default.Integer(7)
  Integer getAnomalyBaselineDays();

  void setAnomalyBaselineDays(Integer value);

  @Description("Baseline days that must be present before a window is judged (the first days never alert).")
  @Default.Integer(4)
  Integer getAnomalyMinBaselineDays();

  void setAnomalyMinBaselineDays(Integer value);

  @Description(
      "Alert when |observed - expected| reaches this many baseline scales (robust MAD spread or sampling "
          + "noise, whichever is larger).")
  @Default.Double(4.0)
  Double getAnomalyScoreThreshold();

  void setAnomalyScoreThreshold(Double value);

  @Description("Score from which an alert's severity is CRITICAL rather than WARNING.")
  @Default.Double(8.0)
  Double getAnomalyCriticalScore();

  void setAnomalyCriticalScore(Double value);

  @Description("Alert only when the observation differs from the expectation by at least this share of it.")
  @Default.Double(0.5)
  Double getAnomalyMinChange();

  void setAnomalyMinChange(Double value);

  @Description("Judge a brand's hour only when its expected (baseline median) views reach this.")
  @Default.Long(100L)
  Long getAnomalyMinViews();

  void setAnomalyMinViews(Long value);

  @Description("Judge purchases and the rates only when the expected purchases (carts) reach this.")
  @Default.Long(10L)
  Long getAnomalyMinPurchases();

  void setAnomalyMinPurchases(Long value);

  @Description("Streams: also alert on EARLY panes, flagged provisional (default: ON_TIME panes only).")
  @Default.Boolean(false)
  Boolean getAnomalyEarlyAlerts();

  void setAnomalyEarlyAlerts(Boolean value);

  @Description(
      "Also send each alert as a JSON record keyed by brand to a Kafka topic, written "
          + "kafka://host:port/topic. Empty: alerts go to the anomalies table and the log only.")
  @Default.String("")
  String getAlertsTopic();

  void setAlertsTopic(String value);
}
