package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.transforms.aggregate.MergePartials;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The funnel rows of the job: windows the funnel partial sums of {@link FunnelPartials} (one per
 * bundle, window and key, from {@code PreAggregate}) with the job's {@link WindowByEventTime}, sums
 * them per window and key with {@link FunnelCombineFn}, and turns each fired pane into a
 * {@link FunnelRow} carrying the window bounds and the pane's facts.
 *
 * <p>The partials are grouped, then each group combined ({@link MergePartials}): a lifted combine saves
 * nothing on sums that are already partial, and on Spark it costs more (its hash maps sample the size
 * of every accumulator). On a stream the discarding panes become running totals, so a window's latest
 * pane is always its full value.
 *
 * <pre>{@code
 * PCollection<FunnelRow> rows = partials.get(funnelSums.tag())
 *     .apply("SumFunnel", SumFunnel.windowedBy(WindowByEventTime.of(Duration.standardHours(1))));
 * }</pre>
 */
public final class SumFunnel
    extends PTransform<PCollection<KV<String, FunnelCounts>>, PCollection<FunnelRow>> {

  private final WindowByEventTime<KV<String, FunnelCounts>> windowing;

  private SumFunnel(WindowByEventTime<KV<String, FunnelCounts>> windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Sums partial sums in the windows, lateness and early firings of {@code windowing}. */
  public static SumFunnel windowedBy(WindowByEventTime<KV<String, FunnelCounts>> windowing) {
    return new SumFunnel(windowing);
  }

  @Override
  public PCollection<FunnelRow> expand(PCollection<KV<String, FunnelCounts>> partials) {
    return partials
        .apply("WindowByEventTime", windowing)
        .apply("MergePartials", MergePartials.with(new FunnelCombineFn(), FunnelCountsCoder.of()))
        .apply("AttachPaneFacts", ParDo.of(new ToFunnelRowFn()))
        .setCoder(FunnelRowCoder.of());
  }

  /** Turns a keyed total into a row with its window bounds and pane facts. */
  static final class ToFunnelRowFn extends DoFn<KV<String, FunnelCounts>, FunnelRow> {
    @ProcessElement
    public void processElement(
        @Element KV<String, FunnelCounts> total,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<FunnelRow> out) {
      IntervalWindow interval = (IntervalWindow) window;
      out.output(
          FunnelRow.of(
              interval.start().getMillis(),
              interval.end().getMillis(),
              total.getKey(),
              total.getValue(),
              PaneFacts.of(pane)));
    }
  }
}
