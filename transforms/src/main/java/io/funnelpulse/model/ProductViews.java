package io.funnelpulse.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.KV;

/**
 * Page views per product ({@code product_id}, REES46's page) of one window: a mutable map used to
 * pre-aggregate and merge views before ranking. Its size grows with distinct products, not events.
 */
@DefaultCoder(ProductViewsCoder.class)
public final class ProductViews {
  /**
   * The ranking order: most views first, ties by {@code product_id} ascending (text order), so a
   * ranking is the same on every runner and in the shipped SQL.
   */
  public static final Comparator<KV<String, Long>> RANKING =
      Comparator.<KV<String, Long>>comparingLong(KV::getValue).reversed().thenComparing(KV::getKey);

  private final TreeMap<String, Long> views;

  private ProductViews(TreeMap<String, Long> views) {
    this.views = views;
  }

  /** No views. */
  public static ProductViews empty() {
    return new ProductViews(new TreeMap<>());
  }

  /** Adds {@code count} views of {@code productId}. */
  public ProductViews add(String productId, long count) {
    views.merge(productId, count, Long::sum);
    return this;
  }

  /** Adds all views of {@code other} and returns this. */
  public ProductViews merge(ProductViews other) {
    other.views.forEach(this::add);
    return this;
  }

  /** An independent copy. */
  public ProductViews copy() {
    return new ProductViews(new TreeMap<>(views));
  }

  /** Views per product, by product id. */
  public Map<String, Long> asMap() {
    return Collections.unmodifiableMap(views);
  }

  /** The {@code n} most viewed products in {@link #RANKING} order (fewer if fewer were viewed). */
  public List<KV<String, Long>> top(int n) {
    List<KV<String, Long>> all = new ArrayList<>(views.size());
    views.forEach((product, count) -> all.add(KV.of(product, count)));
    all.sort(RANKING);
    return all.subList(0, Math.min(n, all.size()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProductViews && views.equals(((ProductViews) o).views);
  }

  @Override
  public int hashCode() {
    return views.hashCode();
  }

  @Override
  public String toString() {
    return "ProductViews" + views;
  }
}
