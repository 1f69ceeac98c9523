package io.funnelpulse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Simulates one shopping session: a user browses a few products (views seconds to minutes apart),
 * adds some to the cart, occasionally removes one, and sometimes checks out, buying what is left
 * in the cart. The drop-off probabilities give the REES46-like funnel (views ~88%, carts ~7%,
 * removals ~2-3% with their duplicates, purchases ~2% of rows).
 */
final class SessionWalker {

  /** Receives the session's events in time order; returns {@code false} to end the session. */
  interface Emitter {
    boolean emit(long eventSecond, EventKind kind, Product product, int userId, String session);
  }

  private static final double ANOTHER_VIEW = 0.75;
  private static final int MAX_VIEWS = 200;
  private static final double REVIEW_SAME_PRODUCT = 0.2;
  private static final double CART_PER_VIEW = 0.08;
  private static final double REMOVE_PER_CART = 0.14;
  private static final double CHECKOUT = 0.35;
  private static final double MEDIAN_BROWSE_SECONDS = 35;
  private static final int MAX_GAP_SECONDS = 1_800;

  private final Catalog catalog;
  private final UserPool users;
  private final List<Product> cart = new ArrayList<>();

  SessionWalker(Catalog catalog, UserPool users) {
    this.catalog = catalog;
    this.users = users;
  }

  /** Walks one session starting at {@code startSecond}. */
  void walk(long startSecond, SplittableRandom random, Emitter out) {
    int userId = users.pick(random);
    String session = uuid(random);
    cart.clear();
    int views = 1;
    while (views < MAX_VIEWS && random.nextDouble() < ANOTHER_VIEW) {
      views++;
    }
    long t = startSecond;
    Product current = null;
    for (int i = 0; i < views; i++) {
      if (i > 0) {
        t += browseGap(random);
      }
      if (current == null || random.nextDouble() >= REVIEW_SAME_PRODUCT) {
        current = catalog.pick(random);
      }
      if (!out.emit(t, EventKind.VIEW, current, userId, session)) {
        return;
      }
      if (random.nextDouble() < CART_PER_VIEW) {
        t += 2 + random.nextInt(60);
        if (!out.emit(t, EventKind.CART, current, userId, session)) {
          return;
        }
        cart.add(current);
        if (random.nextDouble() < REMOVE_PER_CART) {
          t += browseGap(random);
          Product removed = cart.remove(random.nextInt(cart.size()));
          if (!out.emit(t, EventKind.REMOVE_FROM_CART, removed, userId, session)) {
            return;
          }
        }
      }
    }
    if (!cart.isEmpty() && random.nextDouble() < CHECKOUT) {
      t += 10 + 2 * browseGap(random);
      for (Product p : cart) {
        if (!out.emit(t, EventKind.PURCHASE, p, userId, session)) {
          return;
        }
      }
    }
  }

  private static long browseGap(SplittableRandom random) {
    double gap = LogNormal.draw(random, MEDIAN_BROWSE_SECONDS, 1.0);
    return Math.max(1, Math.min(MAX_GAP_SECONDS, Math.round(gap)));
  }

  /** A version-4 UUID string from the seeded source (not {@code UUID.randomUUID()}). */
  private static String uuid(SplittableRandom random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
