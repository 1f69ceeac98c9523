package io.funnelpulse.generate;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** The options of {@code generate}: the generator's, and where the files go. */
public interface GenerateArguments extends GeneratorArguments {
  @Description("Directory the REES46-format CSV files are written to (events-00000.csv[.gz], ...).")
  @Default.String(GenerateCommand.DEFAULT_OUTPUT)
  String getOutput();

  void setOutput(String value);
}
