package io.funnelpulse.generate;

import java.util.SplittableRandom;

/**
 * Log-normal draws (prices, gaps between clicks) from a seeded source. Uses {@link StrictMath} so
 * the same seed gives the same bits on every JVM and CPU, which byte-identical output relies on.
 */
final class LogNormal {

  private LogNormal() {}

  /** A value whose logarithm is normal around {@code ln(median)} with deviation {@code sigma}. */
  static double draw(SplittableRandom random, double median, double sigma) {
    return median * StrictMath.exp(sigma * standardNormal(random));
  }

  /** Box-Muller; {@code SplittableRandom} has no {@code nextGaussian} on Java 17. */
  static double standardNormal(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u))
        * StrictMath.cos(2.0 * StrictMath.PI * random.nextDouble());
  }
}
