package io.funnelpulse.bench;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options of the alert benchmark: which generated data it judges, and the detector's budget. */
public interface AlertBenchmarkOptions extends PipelineOptions {
  @Description("Generator seeds, comma-separated; each seed is one independent data set per volume.")
  @Default.String("1,2,3")
  String getSeeds();

  void setSeeds(String value);

  @Description("Volumes in events per 30 days, comma-separated, for the false-alert count (no injections).")
  @Default.String("50000,500000,4000000,30000000")
  String getMonthlyVolumes();

  void setMonthlyVolumes(String value);

  @Description("Days generated per data set (the first --anomalyMinBaselineDays days are never judged).")
  @Default.Integer(28)
  Integer getDays();

  void setDays(Integer value);

  @Description("False alerts are counted over this many busiest brands.")
  @Default.Integer(20)
  Integer getTopBrands();

  void setTopBrands(Integer value);

  @Description(
      "Volumes in events per 30 days, comma-separated, of the data sets the anomaly matrix is injected into "
          + "(one per seed and volume); empty skips the matrix.")
  @Default.String("4000000,30000000")
  String getMatrixMonthlyVolumes();

  void setMatrixMonthlyVolumes(String value);

  @Description("The detector's false-alert budget per brand-week (sets its alert level).")
  @Default.Double(0.05)
  Double getFalseAlertsPerBrandWeek();

  void setFalseAlertsPerBrandWeek(Double value);

  @Description("Print every false alert found among the top brands.")
  @Default.Boolean(false)
  Boolean getPrintFalseAlerts();

  void setPrintFalseAlerts(Boolean value);
}
