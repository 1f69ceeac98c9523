package io.funnelpulse.verify;

import io.funnelpulse.transforms.funnel.FunnelDimension;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** The options of {@code verify}, declared as every subcommand's are (see {@code CommandOptions}). */
public interface VerifyArguments extends PipelineOptions {
  @Description("The event files the run read (a glob).")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("The run's output directory.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("As the run: BRAND, CATEGORY or NONE (any case).")
  @Default.Enum("BRAND")
  FunnelDimension getDimension();

  void setDimension(FunnelDimension value);

  @Description("As the run.")
  @Default.Integer(60)
  int getWindowSizeMinutes();

  void setWindowSizeMinutes(int value);

  @Description("As the run.")
  @Default.Integer(10)
  int getTopN();

  void setTopN(int value);

  @Description("As the run: how often a window of conversion_sliding_brand starts (its length is read from the table).")
  @Default.Integer(60)
  int getSlidingPeriodMinutes();

  void setSlidingPeriodMinutes(int value);

  @Description("As the run: the gap that ends a session.")
  @Default.Integer(30)
  int getSessionGapMinutes();

  void setSessionGapMinutes(int value);

  @Description("Warnings fail too.")
  @Default.Boolean(false)
  boolean getStrict();

  void setStrict(boolean value);

  @Description("Rows listed per failed check.")
  @Default.Integer(10)
  int getMaxRows();

  void setMaxRows(int value);

  @Description("A dead-letter reason above this share of the records read is a warning.")
  @Default.Double(0.05)
  double getQuarantineWarnShare();

  void setQuarantineWarnShare(double value);

  @Description("How many of the input's last windows must have output.")
  @Default.Integer(3)
  int getRecentWindows();

  void setRecentWindows(int value);
}
