package io.funnelpulse.generate;

import java.util.SplittableRandom;

/**
 * Nine-digit user ids, reused across sessions: the pool holds about one user per ten events and
 * draws low (older, loyal) ids more often than high ones, so many users return.
 */
final class UserPool {

  private static final long FIRST_ID = 350_000_000L;
  private static final long ID_SPAN = 250_000_000L;
  private static final double RETURNING_SKEW = 1.6;

  private final int[] ids;

  private UserPool(int[] ids) {
    this.ids = ids;
  }

  static UserPool forEvents(long events, SplittableRandom random) {
    int size = (int) Math.max(1_000, Math.min(2_000_000, events / 10));
    long maxGap = Math.max(1, 2 * ID_SPAN / size);
    int[] ids = new int[size];
    long id = FIRST_ID;
    for (int i = 0; i < size; i++) {
      id += 1 + random.nextLong(maxGap);
      ids[i] = (int) id;
    }
    return new UserPool(ids);
  }

  int pick(SplittableRandom random) {
    int i = (int) (ids.length * StrictMath.pow(random.nextDouble(), RETURNING_SKEW));
    return ids[Math.min(i, ids.length - 1)];
  }
}
