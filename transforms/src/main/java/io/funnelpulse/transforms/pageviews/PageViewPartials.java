package io.funnelpulse.transforms.pageviews;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.transforms.aggregate.BundleAggregation;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Per-bundle view counts per window and product: one partial per product viewed in the bundle. */
public final class PageViewPartials extends BundleAggregation<String, Long> {
  private static final long serialVersionUID = 1L;

  private PageViewPartials() {
    super("pageViewPartials");
  }

  /** View counts per product. */
  public static PageViewPartials perProduct() {
    return new PageViewPartials();
  }

  @Override
  protected Coder<String> keyCoder() {
    return StringUtf8Coder.of();
  }

  @Override
  protected Coder<Long> valueCoder() {
    return VarLongCoder.of();
  }

  @Override
  protected boolean accepts(ClickEvent event) {
    // A view without a product id is counted by the funnel but is no page: it has no row here.
    return event.eventType() == EventType.VIEW && event.productId() != null && !event.productId().isEmpty();
  }

  @Override
  protected String keyOf(ClickEvent event) {
    return event.productId();
  }

  @Override
  protected Long empty() {
    return 0L;
  }

  @Override
  protected Long addTo(Long partial, ClickEvent event) {
    return partial + 1;
  }
}
