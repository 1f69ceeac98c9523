package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.transforms.aggregate.AccumulatePanesFn;
import io.funnelpulse.transforms.aggregate.MergePartials;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Sums windowed, keyed funnel counts per window and key with {@link FunnelCombineFn} and turns each
 * fired pane into a {@link FunnelRow} carrying window bounds and pane facts.
 *
 * <p>Partial sums (see {@link FunnelFromRawRecords}) are grouped, then each group combined: a lifted
 * combine saves nothing on them, and on Spark it costs more (its hash maps sample the size of every
 * accumulator). One-event inputs use the lifted {@code Combine.perKey}.
 *
 * <pre>{@code
 * PCollection<FunnelRow> rows = windowedCounts.apply("SumFunnel", SumFunnel.ofEvents());
 * }</pre>
 */
public final class SumFunnel
    extends PTransform<PCollection<KV<String, FunnelCounts>>, PCollection<FunnelRow>> {

  private final boolean inputsArePartialSums;

  private SumFunnel(boolean inputsArePartialSums) {
    this.inputsArePartialSums = inputsArePartialSums;
  }

  /** Sums one-event contributions: a lifted {@code Combine.perKey}, combining before the shuffle. */
  public static SumFunnel ofEvents() {
    return new SumFunnel(false);
  }

  /** Sums inputs that are already partial sums per bundle: group, then combine each group. */
  public static SumFunnel ofPartialSums() {
    return new SumFunnel(true);
  }

  @Override
  public PCollection<FunnelRow> expand(PCollection<KV<String, FunnelCounts>> counts) {
    PCollection<KV<String, FunnelCounts>> sums;
    if (inputsArePartialSums) {
      sums = counts.apply("MergePartials", MergePartials.with(new FunnelCombineFn(), FunnelCountsCoder.of()));
    } else {
      sums = counts.apply("CombinePerKey", Combine.perKey(new FunnelCombineFn()));
      if (counts.isBounded() == PCollection.IsBounded.UNBOUNDED) {
        sums =
            sums.apply(
                    "AccumulatePanes",
                    ParDo.of(new AccumulatePanesFn<String, FunnelCounts>(new FunnelCombineFn(), FunnelCountsCoder.of())))
                .setCoder(counts.getCoder());
      }
    }
    return sums
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
