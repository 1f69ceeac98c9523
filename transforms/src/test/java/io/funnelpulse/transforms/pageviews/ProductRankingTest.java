package io.funnelpulse.transforms.pageviews;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.transforms.aggregate.MapMergeFn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** Top-N ranking of a window's views: ties, N beyond the distinct products, nothing viewed; map merging. */
class ProductRankingTest {

  private static Map<String, Long> views(Object... productAndCount) {
    Map<String, Long> views = new HashMap<>();
    for (int i = 0; i < productAndCount.length; i += 2) {
      views.put((String) productAndCount[i], ((Number) productAndCount[i + 1]).longValue());
    }
    return views;
  }

  @Test
  void tiesAreBrokenByProductIdAscending() {
    Map<String, Long> views = views("5809910", 4, "1004856", 7, "5802432", 4, "100", 4, "999", 1);
    assertThat(ProductRanking.top(views, 4), contains(
        KV.of("1004856", 7L), KV.of("100", 4L), KV.of("5802432", 4L), KV.of("5809910", 4L)));
  }

  @Test
  void nLargerThanTheDistinctProductsRanksThemAll() {
    assertThat(ProductRanking.top(views("b", 2, "a", 2, "c", 9), 10),
        contains(KV.of("c", 9L), KV.of("a", 2L), KV.of("b", 2L)));
  }

  @Test
  void nothingViewedRanksNothing() {
    assertThat(ProductRanking.top(views(), 10), is(empty()));
  }

  @Test
  void mapsOfViewsMergeProductByProductInAnyGrouping() {
    MapMergeFn<String, Long> merge = new MapMergeFn<>(
        Sum.ofLongs(), MapCoder.of(NullableCoder.of(StringUtf8Coder.of()), VarLongCoder.of()));
    List<Map<String, Long>> inputs = new ArrayList<>(List.of(
        views("a", 1), views("b", 3, "a", 2), views(), views("c", 1, "b", 1)));
    CombineFnTester.testCombineFn(merge, inputs, views("a", 3, "b", 4, "c", 1));
  }
}
