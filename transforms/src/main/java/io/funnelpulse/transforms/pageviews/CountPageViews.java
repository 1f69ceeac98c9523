package io.funnelpulse.transforms.pageviews;

import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.MergePartials;
import io.funnelpulse.transforms.aggregate.ToWindowRowFn;
import io.funnelpulse.transforms.funnel.WindowFunnel;
import java.util.Objects;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Page views per window and product from {@link PageViewPartials}: windowed by the given
 * {@link WindowFunnel}, summed, one {@link WindowRow} (key product id, value views) per window, product
 * and pane.
 *
 * <pre>{@code
 * PCollection<WindowRow<String, Long>> views = partials.apply("CountPageViews",
 *     CountPageViews.windowedBy(WindowFunnel.of(Duration.standardHours(1))));
 * }</pre>
 */
public final class CountPageViews
    extends PTransform<PCollection<KV<String, Long>>, PCollection<WindowRow<String, Long>>> {
  private final WindowFunnel<KV<String, Long>> windowing;

  private CountPageViews(WindowFunnel<KV<String, Long>> windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Page views per window of {@code windowing}. */
  public static CountPageViews windowedBy(WindowFunnel<KV<String, Long>> windowing) {
    return new CountPageViews(windowing);
  }

  @Override
  public PCollection<WindowRow<String, Long>> expand(PCollection<KV<String, Long>> partials) {
    return partials
        .apply("WindowPageViews", windowing)
        .apply("SumViews", MergePartials.with(Sum.ofLongs(), VarLongCoder.of()))
        .apply("AttachPaneFacts", ParDo.of(new ToWindowRowFn<String, Long>()))
        .setCoder(WindowRowCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }
}
