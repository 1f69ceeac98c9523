package io.funnelpulse.transforms.pageviews;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.ProductViews;
import io.funnelpulse.model.ProductViewsCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.MergePartials;
import io.funnelpulse.transforms.funnel.WindowFunnel;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The Top-N products of each window by views, from {@link TopProductPartials}: the window's product
 * views are merged (in a stream, kept as running totals) and ranked by {@link ProductViews#RANKING}
 * (most views, then product id). Each fired pane emits up to N {@link WindowRow}s keyed by rank
 * (1..N) with {@code KV<product_id, views>}; a window with fewer products has fewer rows, a window
 * without views none.
 *
 * <pre>{@code
 * PCollection<WindowRow<Integer, KV<String, Long>>> top = partials.apply("RankTopProducts",
 *     RankTopProducts.top(10).windowedBy(WindowFunnel.of(Duration.standardHours(1))));
 * }</pre>
 */
public final class RankTopProducts
    extends PTransform<PCollection<KV<Long, ProductViews>>, PCollection<WindowRow<Integer, KV<String, Long>>>> {
  /** Default number of products per window. */
  public static final int DEFAULT_TOP_N = 10;

  private final int n;
  private final WindowFunnel<KV<Long, ProductViews>> windowing;

  private RankTopProducts(int n, WindowFunnel<KV<Long, ProductViews>> windowing) {
    if (n < 1) {
      throw new IllegalArgumentException("Top-N needs N >= 1, got " + n);
    }
    this.n = n;
    this.windowing = windowing;
  }

  /** The {@code n} most viewed products per hourly window. */
  public static RankTopProducts top(int n) {
    return new RankTopProducts(n, WindowFunnel.of(WindowFunnel.DEFAULT_SIZE));
  }

  /** A copy windowed by {@code value}. */
  public RankTopProducts windowedBy(WindowFunnel<KV<Long, ProductViews>> value) {
    return new RankTopProducts(n, Objects.requireNonNull(value, "windowing"));
  }

  @Override
  public PCollection<WindowRow<Integer, KV<String, Long>>> expand(PCollection<KV<Long, ProductViews>> partials) {
    return partials
        .apply("WindowProductViews", windowing)
        .apply("MergeProductViews", MergePartials.with(new ProductViewsCombineFn(), ProductViewsCoder.of()))
        .apply("RankProducts", ParDo.of(new RankFn(n)))
        .setCoder(
            WindowRowCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
  }

  /** Emits the ranked top products of a window's merged views, with the pane's facts. */
  static final class RankFn extends DoFn<KV<Long, ProductViews>, WindowRow<Integer, KV<String, Long>>> {
    private final int n;

    RankFn(int n) {
      this.n = n;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Long, ProductViews> views,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<WindowRow<Integer, KV<String, Long>>> out) {
      IntervalWindow interval = (IntervalWindow) window;
      PaneFacts facts = PaneFacts.of(pane);
      List<KV<String, Long>> top = views.getValue().top(n);
      for (int rank = 1; rank <= top.size(); rank++) {
        out.output(
            WindowRow.of(interval.start().getMillis(), interval.end().getMillis(), rank, top.get(rank - 1), facts));
      }
    }
  }
}
