package io.funnelpulse.transforms.pageviews;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.ProductViews;
import io.funnelpulse.model.ProductViewsCoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** Top-N ranking of {@link ProductViews}: ties, N beyond the distinct products, nothing viewed. */
class ProductViewsRankingTest {

  @Test
  void tiesAreBrokenByProductIdAscending() {
    ProductViews views = ProductViews.empty()
        .add("5809910", 4).add("1004856", 7).add("5802432", 4).add("100", 4).add("999", 1);
    assertThat(views.top(4), contains(
        KV.of("1004856", 7L), KV.of("100", 4L), KV.of("5802432", 4L), KV.of("5809910", 4L)));
  }

  @Test
  void nLargerThanTheDistinctProductsRanksThemAll() {
    ProductViews views = ProductViews.empty().add("b", 2).add("a", 2).add("c", 9);
    assertThat(views.top(10), contains(KV.of("c", 9L), KV.of("a", 2L), KV.of("b", 2L)));
  }

  @Test
  void nothingViewedRanksNothing() {
    assertThat(ProductViews.empty().top(10), is(empty()));
  }

  @Test
  void mergeAddsViewsPerProduct() {
    ProductViews merged = ProductViews.empty().add("a", 1).add("b", 2).merge(ProductViews.empty().add("a", 5));
    assertThat(merged.top(2), contains(KV.of("a", 6L), KV.of("b", 2L)));
  }

  @Test
  void combineFnAndCoderLaws() throws Exception {
    List<ProductViews> inputs = new ArrayList<>(List.of(
        ProductViews.empty().add("a", 1), ProductViews.empty().add("b", 3).add("a", 2),
        ProductViews.empty(), ProductViews.empty().add("c", 1).add("b", 1)));
    ProductViews expected = ProductViews.empty().add("a", 3).add("b", 4).add("c", 1);
    CombineFnTester.testCombineFn(new ProductViewsCombineFn(), inputs, expected);
    CoderProperties.coderDecodeEncodeEqual(ProductViewsCoder.of(), expected);
    CoderProperties.coderDeterministic(
        ProductViewsCoder.of(), ProductViews.empty().add("x", 1).add("a", 2), ProductViews.empty().add("a", 2).add("x", 1));
  }
}
