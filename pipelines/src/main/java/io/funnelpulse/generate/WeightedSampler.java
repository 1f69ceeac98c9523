package io.funnelpulse.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws indexes {@code 0..n-1} with fixed relative weights (binary search over the cumulative sums). */
final class WeightedSampler {

  private final double[] cumulative;

  WeightedSampler(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  /** Zipf weights {@code 1 / (rank + 1)^exponent} over {@code n} ranks. */
  static double[] zipfWeights(int n, double exponent) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1.0 / StrictMath.pow(i + 1, exponent);
    }
    return w;
  }

  /** Share of the total weight held by index {@code i}. */
  double share(int i) {
    double below = i == 0 ? 0.0 : cumulative[i - 1];
    return (cumulative[i] - below) / cumulative[cumulative.length - 1];
  }

  int next(SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, u);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cumulative.length - 1);
  }
}
