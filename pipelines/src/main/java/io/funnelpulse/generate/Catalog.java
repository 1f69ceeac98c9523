package io.funnelpulse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded product catalog: Zipf-popular products with 7-8 digit ids in 19-digit-id categories,
 * Zipf-distributed brands, log-normal prices, and brand / category code missing on the share of
 * <em>events</em> (not of products) that the real data shows.
 */
final class Catalog {

  static final int PRODUCTS = 20_000;
  static final int BRANDS = 300;
  static final int UNCODED_CATEGORIES = 470;
  /** Share of events whose product has no brand (REES46 cosmetics: ~42%). */
  static final double MISSING_BRAND_SHARE = 0.42;
  /** Share of events whose product has a category code (REES46 cosmetics: ~2%). */
  static final double CODED_SHARE = 0.02;

  private static final double PRODUCT_POPULARITY_EXPONENT = 0.7;
  private static final double BRAND_POPULARITY_EXPONENT = 1.0;
  private static final long MAX_PRICE_CENTS = 300_000;
  private static final List<String> CATEGORY_CODES = List.of(
      "electronics.smartphone", "electronics.audio.headphone", "electronics.video.tv",
      "electronics.clocks", "electronics.tablet", "computers.notebook",
      "computers.peripherals.mouse", "appliances.kitchen.kettle", "appliances.kitchen.blender",
      "appliances.kitchen.refrigerators", "appliances.environment.vacuum",
      "appliances.environment.air_heater", "appliances.personal.hair_cutter",
      "appliances.personal.massager", "furniture.bathroom.bath", "furniture.bathroom.toilet",
      "furniture.living_room.cabinet", "furniture.living_room.sofa", "apparel.glove",
      "apparel.shoes", "accessories.bag", "accessories.cosmetic_bag", "stationery.cartrige",
      "sport.diving", "sport.bicycle", "kids.toys", "construction.tools.drill",
      "country_yard.lawn_mower", "medicine.tools.tonometer", "auto.accessories.player");

  private final Product[] byRank;
  private final WeightedSampler popularity;

  private Catalog(Product[] byRank, WeightedSampler popularity) {
    this.byRank = byRank;
    this.popularity = popularity;
  }

  /** Builds the catalog from {@code random} alone. */
  static Catalog build(SplittableRandom random) {
    List<String> brands = BrandNames.generate(BRANDS, random);
    WeightedSampler brandSampler =
        new WeightedSampler(WeightedSampler.zipfWeights(BRANDS, BRAND_POPULARITY_EXPONENT));
    int categories = CATEGORY_CODES.size() + UNCODED_CATEGORIES;
    long[] categoryIds = shuffled(increasingIds(categories, 1_487_580_004_800_000_000L,
        1_000_000_000_000L, random), random);
    double[] medianPrice = new double[categories];
    for (int c = 0; c < categories; c++) {
      double scale = c < CATEGORY_CODES.size() ? 8.0 : 1.0;
      medianPrice[c] = scale * LogNormal.draw(random, 7.0, 0.8);
    }
    long[] productIds = shuffled(increasingIds(PRODUCTS, 1_000_000L, 2_400L, random), random);
    WeightedSampler popularity =
        new WeightedSampler(WeightedSampler.zipfWeights(PRODUCTS, PRODUCT_POPULARITY_EXPONENT));
    ShareTracker missingBrand = new ShareTracker(MISSING_BRAND_SHARE);
    ShareTracker coded = new ShareTracker(CODED_SHARE);
    Product[] byRank = new Product[PRODUCTS];
    for (int rank = 0; rank < PRODUCTS; rank++) {
      double share = popularity.share(rank);
      boolean hasCode = coded.take(share, random);
      int category = hasCode
          ? random.nextInt(CATEGORY_CODES.size())
          : CATEGORY_CODES.size() + random.nextInt(UNCODED_CATEGORIES);
      String brand = missingBrand.take(share, random) ? null : brands.get(brandSampler.next(random));
      double price = LogNormal.draw(random, medianPrice[category], 0.5);
      long cents = Math.max(1, Math.min(MAX_PRICE_CENTS, Math.round(price * 100)));
      byRank[rank] = new Product(productIds[rank], categoryIds[category],
          hasCode ? CATEGORY_CODES.get(category) : null, brand, cents);
    }
    return new Catalog(byRank, popularity);
  }

  /** A product drawn by popularity. */
  Product pick(SplittableRandom random) {
    return byRank[popularity.next(random)];
  }

  private static long[] increasingIds(int n, long base, long maxGap, SplittableRandom random) {
    long[] ids = new long[n];
    long id = base + random.nextLong(maxGap);
    for (int i = 0; i < n; i++) {
      ids[i] = id;
      id += 1 + random.nextLong(maxGap);
    }
    return ids;
  }

  private static long[] shuffled(long[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }

  /**
   * Randomised rounding that keeps the weighted share of "yes" decisions close to a target while
   * walking products from most to least popular, so the per-event share barely depends on the seed.
   */
  private static final class ShareTracker {
    private final double target;
    private double seen;
    private double yes;

    ShareTracker(double target) {
      this.target = target;
    }

    boolean take(double weight, SplittableRandom random) {
      seen += weight;
      double deficit = target * seen - yes;
      boolean decision = random.nextDouble() * weight < deficit;
      if (decision) {
        yes += weight;
      }
      return decision;
    }
  }
}
