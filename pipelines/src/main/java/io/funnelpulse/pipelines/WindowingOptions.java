package io.funnelpulse.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Event-time windowing and triggering of the funnel. */
public interface WindowingOptions extends PipelineOptions {
  @Description("Fixed event-time window size, in minutes.")
  @Default.Integer(60)
  Integer getWindowSizeMinutes();

  void setWindowSizeMinutes(Integer value);

  @Description("Allowed lateness after a window's end, in minutes; later events are not counted.")
  @Default.Integer(120)
  Integer getAllowedLatenessMinutes();

  void setAllowedLatenessMinutes(Integer value);

  @Description(
      "Early (speculative) panes this many processing-time seconds after a pane's first element; "
          + "0 = no early panes.")
  @Default.Integer(0)
  Integer getEarlyFiringDelaySeconds();

  void setEarlyFiringDelaySeconds(Integer value);

  @Description(
      "Merge each bundle's events into one partial per window and key before grouping (default). "
          + "false sends one partial per event: the same results, but every event is grouped and, in a "
          + "stream, kept in state until its pane fires; only for measuring what pre-aggregation saves.")
  @Default.Boolean(true)
  Boolean getPreAggregate();

  void setPreAggregate(Boolean value);
}
