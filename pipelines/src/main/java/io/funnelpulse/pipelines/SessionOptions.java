package io.funnelpulse.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Session funnels (ordered steps per session and brand) and the sliding conversion trend. */
public interface SessionOptions extends PipelineOptions {
  @Description(
      "Write the session tables (sessions, session_funnel_hourly_brand): each user_session (or user_id "
          + "where it is missing) split wherever two consecutive events are more than --sessionGapMinutes "
          + "apart.")
  @Default.Boolean(true)
  Boolean getSessionTables();

  void setSessionTables(Boolean value);

  @Description("A session ends after this many minutes without an event of it.")
  @Default.Integer(30)
  Integer getSessionGapMinutes();

  void setSessionGapMinutes(Integer value);

  @Description(
      "Length of the sliding windows of conversion_sliding_brand, in hours; 0 leaves the table out.")
  @Default.Integer(24)
  Integer getSlidingConversionHours();

  void setSlidingConversionHours(Integer value);

  @Description(
      "How often a sliding window of conversion_sliding_brand starts, in minutes: a multiple of "
          + "--windowSizeMinutes that divides the sliding window's length.")
  @Default.Integer(60)
  Integer getSlidingPeriodMinutes();

  void setSlidingPeriodMinutes(Integer value);
}
