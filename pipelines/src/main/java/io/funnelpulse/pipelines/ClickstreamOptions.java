package io.funnelpulse.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Unique visitors, page views and Top-N products beside the funnel. */
public interface ClickstreamOptions extends PipelineOptions {
  @Description(
      "Also write the visitors (HLL), page views and Top-N product tables; false writes the funnel and "
          + "dead letters only.")
  @Default.Boolean(true)
  Boolean getClickstreamTables();

  void setClickstreamTables(Boolean value);

  @Description(
      "log2 of the HLL sketch's registers, 4..21. Relative standard error is about 1.04/sqrt(2^lgK): "
          + "1.6% at 12 (4 KiB per sketch), 0.8% at 14.")
  @Default.Integer(12)
  Integer getHllLgK();

  void setHllLgK(Integer value);

  @Description(
      "Also count distinct visitors and sessions exactly (visitors_exact, sessions_exact), for "
          + "validation runs: memory grows with distinct ids per window.")
  @Default.Boolean(false)
  Boolean getExactVisitors();

  void setExactVisitors(Boolean value);

  @Description(
      "Visitor tables rolled up from the window sketches: none, or day (visitors_daily and "
          + "visitors_daily_brand, the union of each day's window sketches).")
  @Default.String("none")
  String getRollup();

  void setRollup(String value);

  @Description("Number of most viewed products per window in top_products_hourly.")
  @Default.Integer(10)
  Integer getTopN();

  void setTopN(Integer value);
}
