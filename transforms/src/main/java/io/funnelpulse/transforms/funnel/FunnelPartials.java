package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.transforms.aggregate.BundleAggregation;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Per-bundle funnel sums per window and key of a {@link FunnelDimension}. */
public final class FunnelPartials extends BundleAggregation<String, FunnelCounts> {
  private static final long serialVersionUID = 1L;

  private final FunnelDimension dimension;

  private FunnelPartials(String name, FunnelDimension dimension) {
    super(name);
    this.dimension = Objects.requireNonNull(dimension, "dimension");
  }

  /** Funnel sums keyed by {@code dimension}. */
  public static FunnelPartials by(FunnelDimension dimension) {
    return new FunnelPartials("funnelPartials", dimension);
  }

  /** Funnel sums keyed by {@code dimension} on an output of their own, {@code name}, beside {@link #by}'s. */
  public static FunnelPartials named(String name, FunnelDimension dimension) {
    return new FunnelPartials(name, dimension);
  }

  @Override
  protected Coder<String> keyCoder() {
    return StringUtf8Coder.of();
  }

  @Override
  protected Coder<FunnelCounts> valueCoder() {
    return FunnelCountsCoder.of();
  }

  @Override
  protected String keyOf(ClickEvent event) {
    return dimension.keyOf(event);
  }

  @Override
  protected FunnelCounts empty() {
    return FunnelCounts.empty();
  }

  @Override
  protected FunnelCounts addTo(FunnelCounts partial, ClickEvent event) {
    return partial.add(event.eventType(), event.priceCents());
  }
}
