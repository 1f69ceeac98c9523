package io.funnelpulse.transforms.pageviews;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;

/**
 * How products are ranked within a window: most views first, ties by {@code product_id} ascending
 * (text order), so a ranking is the same on every runner and in the shipped SQL.
 */
public final class ProductRanking {
  /** The ranking order of (product id, views). */
  public static final Comparator<KV<String, Long>> ORDER =
      Comparator.<KV<String, Long>>comparingLong(KV::getValue).reversed().thenComparing(KV::getKey);

  private ProductRanking() {}

  /** The {@code n} most viewed products of {@code views} in {@link #ORDER} (fewer if fewer were viewed). */
  public static List<KV<String, Long>> top(Map<String, Long> views, int n) {
    List<KV<String, Long>> all = new ArrayList<>(views.size());
    views.forEach((product, count) -> all.add(KV.of(product, count)));
    all.sort(ORDER);
    return new ArrayList<>(all.subList(0, Math.min(n, all.size())));
  }
}
