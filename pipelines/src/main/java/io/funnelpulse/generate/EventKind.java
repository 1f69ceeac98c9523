package io.funnelpulse.generate;

/**
 * The four REES46 event types, each with how often the source system wrote its row twice (or
 * more): removals are duplicated most, views least, as in the real cosmetics data set.
 */
enum EventKind {
  VIEW("view", 0.031, 0.0),
  CART("cart", 0.08, 0.0),
  REMOVE_FROM_CART("remove_from_cart", 0.85, 0.5),
  PURCHASE("purchase", 0.04, 0.0);

  private final String label;
  private final double firstCopyProbability;
  private final double moreCopiesProbability;

  EventKind(String label, double firstCopyProbability, double moreCopiesProbability) {
    this.label = label;
    this.firstCopyProbability = firstCopyProbability;
    this.moreCopiesProbability = moreCopiesProbability;
  }

  /** The value written in the {@code event_type} column. */
  String label() {
    return label;
  }

  /** Probability that a row of this kind is followed by at least one exact copy. */
  double firstCopyProbability() {
    return firstCopyProbability;
  }

  /** Probability that a copy is followed by yet another copy. */
  double moreCopiesProbability() {
    return moreCopiesProbability;
  }
}
