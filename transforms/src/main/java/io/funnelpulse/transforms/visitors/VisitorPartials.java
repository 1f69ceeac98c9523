package io.funnelpulse.transforms.visitors;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.VisitorSketchesCoder;
import io.funnelpulse.transforms.aggregate.BundleAggregation;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Per-bundle visitor and session sketches per window, keyed by a {@link FunnelDimension} (brand) or
 * by nothing ({@link FunnelDimension#NONE}: one sketch per window). Build with {@link #by}.
 */
public final class VisitorPartials extends BundleAggregation<String, VisitorSketches> {
  private static final long serialVersionUID = 1L;

  private final FunnelDimension dimension;
  private final int lgK;
  private final boolean exact;

  private VisitorPartials(FunnelDimension dimension, int lgK, boolean exact) {
    super("visitorPartials" + dimension.name());
    if (lgK < 4 || lgK > 21) {
      throw new IllegalArgumentException("HLL lgK must be within 4..21, got " + lgK);
    }
    this.dimension = dimension;
    this.lgK = lgK;
    this.exact = exact;
  }

  /** Sketches of {@code lgK} per window and key of {@code dimension}; exact sets too when {@code exact}. */
  public static VisitorPartials by(FunnelDimension dimension, int lgK, boolean exact) {
    return new VisitorPartials(dimension, lgK, exact);
  }

  public int lgK() {
    return lgK;
  }

  public boolean exact() {
    return exact;
  }

  @Override
  protected Coder<String> keyCoder() {
    return StringUtf8Coder.of();
  }

  @Override
  protected Coder<VisitorSketches> valueCoder() {
    return VisitorSketchesCoder.of();
  }

  @Override
  protected String keyOf(ClickEvent event) {
    return dimension.keyOf(event);
  }

  @Override
  protected VisitorSketches empty() {
    return VisitorSketches.empty(lgK, exact);
  }

  @Override
  protected VisitorSketches addTo(VisitorSketches partial, ClickEvent event) {
    return partial.add(event.userId(), event.userSession());
  }
}
