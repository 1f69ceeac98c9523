package io.funnelpulse.report;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** The options of {@code report}, declared as every subcommand's are (see {@code CommandOptions}). */
public interface ReportArguments extends PipelineOptions {
  @Description("A run's output directory; report.html is written into it.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("How many brands (or categories) the charts show one by one, the busiest by views.")
  @Default.Integer(5)
  int getBrands();

  void setBrands(int value);

  @Description("Only windows starting at or after this time (2019-10-01 or 2019-10-01T12:00:00Z); empty: from the first.")
  @Default.String("")
  String getFrom();

  void setFrom(String value);

  @Description("Only windows starting before this time (as --from); empty: to the last.")
  @Default.String("")
  String getTo();

  void setTo(String value);
}
