package io.funnelpulse.generate;

/**
 * One catalog item as the REES46 rows show it; {@code categoryCode} and {@code brand} are
 * {@code null} when the source leaves them empty.
 */
record Product(long productId, long categoryId, String categoryCode, String brand, long priceCents) {}
