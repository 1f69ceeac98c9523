package io.funnelpulse.pipelines;

import io.funnelpulse.io.ParquetTableWrite;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where and what the job writes. */
public interface OutputOptions extends PipelineOptions {
  @Description("Output directory; tables are written below it (funnel_hourly_brand/, dead_letter/).")
  @Default.String("funnelpulse-output")
  String getOutput();

  void setOutput(String value);

  @Description("Funnel dimension inside each window: BRAND, CATEGORY or NONE (one row per window).")
  @Default.Enum("BRAND")
  FunnelDimension getDimension();

  void setDimension(FunnelDimension value);

  @Description("Parquet row group size, in megabytes, per open writer.")
  @Default.Integer(ParquetTableWrite.DEFAULT_ROW_GROUP_MEGABYTES)
  Integer getParquetRowGroupMegabytes();

  void setParquetRowGroupMegabytes(Integer value);

  @Description("Also write report.html, a page of charts of the output (a run over files at its end, a stream on a "
      + "clean stop); on for the built-in sample. Needs a checkout (the job jar leaves the report out).")
  @Default.Boolean(false)
  boolean getReport();

  void setReport(boolean value);
}
