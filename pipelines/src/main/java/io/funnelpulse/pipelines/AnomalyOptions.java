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
      "False alerts per brand and week the alert level is set for: evidence accumulated over consecutive "
          + "windows alerts once it reaches ln(168 * 12 / budget) nats.")
  @Default.Double(0.05)
  Double getAnomalyFalseAlertsPerBrandWeek();

  void setAnomalyFalseAlertsPerBrandWeek(Double value);

  @Description(
      "The drops the evidence is weighed for, comma-separated shares of the usual level (0.5: half; 0.1: "
          + "nearly all gone), weighed as a mixture.")
  @Default.String("0.5,0.1")
  String getAnomalyDropFactors();

  void setAnomalyDropFactors(String value);

  @Description(
      "The spikes the evidence is weighed for, comma-separated multiples of the usual level (2: double), "
          + "weighed as a mixture.")
  @Default.String("2,5")
  String getAnomalySpikeFactors();

  void setAnomalySpikeFactors(String value);

  @Description("Streams: also alert on spikes seen in EARLY panes, flagged provisional (default: ON_TIME panes only).")
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
