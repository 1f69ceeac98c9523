package io.funnelpulse.transforms.pageviews;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.ProductViews;
import io.funnelpulse.model.ProductViewsCoder;
import io.funnelpulse.transforms.aggregate.BundleAggregation;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Per-bundle views of every product of a window, in one {@link ProductViews} per window (keyed by the
 * window start), which {@link RankTopProducts} merges and ranks.
 */
public final class TopProductPartials extends BundleAggregation<Long, ProductViews> {
  private static final long serialVersionUID = 1L;

  private TopProductPartials() {
    super("topProductPartials");
  }

  /** Product views per window. */
  public static TopProductPartials perWindow() {
    return new TopProductPartials();
  }

  @Override
  protected Coder<Long> keyCoder() {
    return VarLongCoder.of();
  }

  @Override
  protected Coder<ProductViews> valueCoder() {
    return ProductViewsCoder.of();
  }

  @Override
  protected boolean accepts(ClickEvent event) {
    return event.eventType() == EventType.VIEW;
  }

  @Override
  protected Long keyOf(ClickEvent event, long windowStartMillis) {
    return windowStartMillis;
  }

  @Override
  protected ProductViews empty() {
    return ProductViews.empty();
  }

  @Override
  protected ProductViews addTo(ProductViews partial, ClickEvent event) {
    return partial.add(event.productId(), 1);
  }
}
