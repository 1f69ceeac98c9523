package io.funnelpulse.transforms.pageviews;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.MapMergeFn;
import io.funnelpulse.transforms.aggregate.MergePartials;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Page views per window and product, and the Top-N products of each window, from per-window maps of
 * {@link PageViewPartials} (see {@code PerWindowMap}): windowed by the given {@link WindowByEventTime}, the
 * maps are merged (in a stream, kept as running totals), then every fired pane emits one
 * {@link #PAGE_VIEWS} row per product viewed in the window and up to N {@link #TOP_PRODUCTS} rows
 * keyed by rank 1..N in {@link ProductRanking#ORDER}. A window without views has no rows.
 *
 * <pre>{@code
 * PCollectionTuple views = perWindowPartials.apply("CountPageViews",
 *     CountPageViews.withTop(10).windowedBy(WindowByEventTime.of(Duration.standardHours(1))));
 * PCollection<WindowRow<String, Long>> perProduct = views.get(CountPageViews.PAGE_VIEWS);
 * }</pre>
 */
public final class CountPageViews extends PTransform<PCollection<KV<Long, Map<String, Long>>>, PCollectionTuple> {
  /** Views per window and product: key product id, value views. */
  public static final TupleTag<WindowRow<String, Long>> PAGE_VIEWS = new TupleTag<WindowRow<String, Long>>() {};
  /** Top products per window: key rank, value (product id, views). */
  public static final TupleTag<WindowRow<Integer, KV<String, Long>>> TOP_PRODUCTS =
      new TupleTag<WindowRow<Integer, KV<String, Long>>>() {};
  /** Default number of products ranked per window. */
  public static final int DEFAULT_TOP_N = 10;

  private static final Coder<Map<String, Long>> MAP_CODER =
      MapCoder.of(NullableCoder.of(StringUtf8Coder.of()), VarLongCoder.of());

  private final int topN;
  private final WindowByEventTime<KV<Long, Map<String, Long>>> windowing;

  private CountPageViews(int topN, WindowByEventTime<KV<Long, Map<String, Long>>> windowing) {
    if (topN < 1) {
      throw new IllegalArgumentException("Top-N needs N >= 1, got " + topN);
    }
    this.topN = topN;
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Page views and the {@code topN} most viewed products per hourly window. */
  public static CountPageViews withTop(int topN) {
    return new CountPageViews(topN, WindowByEventTime.of(WindowByEventTime.DEFAULT_SIZE));
  }

  /** A copy windowed by {@code value}. */
  public CountPageViews windowedBy(WindowByEventTime<KV<Long, Map<String, Long>>> value) {
    return new CountPageViews(topN, value);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<Long, Map<String, Long>>> partials) {
    PCollectionTuple rows =
        partials
            .apply("WindowPageViews", windowing)
            .apply("MergeViews", MergePartials.with(new MapMergeFn<>(Sum.ofLongs(), MAP_CODER), MAP_CODER))
            .apply(
                "EmitViewsAndRanks",
                ParDo.of(new EmitViewsAndRanksFn(topN)).withOutputTags(PAGE_VIEWS, TupleTagList.of(TOP_PRODUCTS)));
    rows.get(PAGE_VIEWS).setCoder(WindowRowCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    rows.get(TOP_PRODUCTS)
        .setCoder(WindowRowCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    return rows;
  }

  /** Emits every product's views and the ranked top products of one window's pane. */
  static final class EmitViewsAndRanksFn extends DoFn<KV<Long, Map<String, Long>>, WindowRow<String, Long>> {
    private final int topN;

    EmitViewsAndRanksFn(int topN) {
      this.topN = topN;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Long, Map<String, Long>> views, BoundedWindow window, PaneInfo pane, MultiOutputReceiver out) {
      IntervalWindow interval = (IntervalWindow) window;
      long start = interval.start().getMillis();
      long end = interval.end().getMillis();
      PaneFacts facts = PaneFacts.of(pane);
      views.getValue().forEach((product, count) -> out.get(PAGE_VIEWS).output(WindowRow.of(start, end, product, count, facts)));
      List<KV<String, Long>> top = ProductRanking.top(views.getValue(), topN);
      for (int rank = 1; rank <= top.size(); rank++) {
        out.get(TOP_PRODUCTS).output(WindowRow.of(start, end, rank, top.get(rank - 1), facts));
      }
    }
  }
}
