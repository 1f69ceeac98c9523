package io.funnelpulse.transforms.pageviews;

import io.funnelpulse.model.ProductViews;
import io.funnelpulse.model.ProductViewsCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/** Sums {@link ProductViews} product by product; the output is an independent copy. */
public final class ProductViewsCombineFn extends Combine.CombineFn<ProductViews, ProductViews, ProductViews> {

  @Override
  public ProductViews createAccumulator() {
    return ProductViews.empty();
  }

  @Override
  public ProductViews addInput(ProductViews accumulator, ProductViews input) {
    return accumulator.merge(input);
  }

  @Override
  public ProductViews mergeAccumulators(Iterable<ProductViews> accumulators) {
    ProductViews total = ProductViews.empty();
    accumulators.forEach(total::merge);
    return total;
  }

  @Override
  public ProductViews extractOutput(ProductViews accumulator) {
    return accumulator.copy();
  }

  @Override
  public Coder<ProductViews> getAccumulatorCoder(CoderRegistry registry, Coder<ProductViews> inputCoder) {
    return ProductViewsCoder.of();
  }

  @Override
  public Coder<ProductViews> getDefaultOutputCoder(CoderRegistry registry, Coder<ProductViews> inputCoder) {
    return ProductViewsCoder.of();
  }
}
