package io.funnelpulse.transforms.visitors;

import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.VisitorSketchesCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.MergePartials;
import io.funnelpulse.transforms.aggregate.ToWindowRowFn;
import io.funnelpulse.transforms.funnel.WindowFunnel;
import java.util.Objects;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Visitor rows from partial sketches ({@link VisitorPartials}, or rows re-keyed by
 * {@link RollupVisitors}): windows them with the given {@link WindowFunnel}, unions the sketches per
 * window and key, and emits one {@link WindowRow} per window, key and pane, the latest pane holding
 * the window's full sketch.
 *
 * <pre>{@code
 * PCollection<WindowRow<String, VisitorSketches>> rows = partials.apply("CountVisitors",
 *     CountVisitors.windowedBy(WindowFunnel.of(Duration.standardHours(1))));
 * }</pre>
 */
public final class CountVisitors
    extends PTransform<PCollection<KV<String, VisitorSketches>>, PCollection<WindowRow<String, VisitorSketches>>> {
  private final WindowFunnel<KV<String, VisitorSketches>> windowing;

  private CountVisitors(WindowFunnel<KV<String, VisitorSketches>> windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Visitors per window of {@code windowing}. */
  public static CountVisitors windowedBy(WindowFunnel<KV<String, VisitorSketches>> windowing) {
    return new CountVisitors(windowing);
  }

  @Override
  public PCollection<WindowRow<String, VisitorSketches>> expand(PCollection<KV<String, VisitorSketches>> partials) {
    return partials
        .apply("WindowVisitors", windowing)
        .apply("UnionSketches", MergePartials.with(new VisitorSketchesCombineFn(), VisitorSketchesCoder.of()))
        .apply("AttachPaneFacts", ParDo.of(new ToWindowRowFn<String, VisitorSketches>()))
        .setCoder(WindowRowCoder.of(StringUtf8Coder.of(), VisitorSketchesCoder.of()));
  }
}
