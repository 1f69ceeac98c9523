package io.funnelpulse.model;

import java.util.Locale;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One anomaly of a funnel metric in a window: the metric's column name, the observed value, the
 * expected value (the baseline median), a robust score (how many baseline scales away the observation
 * is; negative for a drop), the direction ({@code DROP} or {@code SPIKE}), the severity ({@code WARNING}
 * or {@code CRITICAL}), whether it was raised on a provisional (early) pane, and how many baseline
 * windows the expectation rests on. Brand and window travel beside it (see {@code WindowRow}).
 */
@DefaultCoder(AnomalyCoder.class)
public final class Anomaly {
  /** Value of {@link #direction()} for an observation below the expectation. */
  public static final String DROP = "DROP";
  /** Value of {@link #direction()} for an observation above the expectation. */
  public static final String SPIKE = "SPIKE";

  private final String metric;
  private final double observed;
  private final double expected;
  private final double score;
  private final Severity severity;
  private final boolean provisional;
  private final int baselineWindows;

  private Anomaly(
      String metric, double observed, double expected, double score, Severity severity, boolean provisional,
      int baselineWindows) {
    this.metric = Objects.requireNonNull(metric, "metric");
    this.observed = observed;
    this.expected = expected;
    this.score = score;
    this.severity = Objects.requireNonNull(severity, "severity");
    this.provisional = provisional;
    this.baselineWindows = baselineWindows;
  }

  /** An anomaly with the given facts; the direction follows from the sign of {@code score}. */
  public static Anomaly of(
      String metric, double observed, double expected, double score, Severity severity, boolean provisional,
      int baselineWindows) {
    return new Anomaly(metric, observed, expected, score, severity, provisional, baselineWindows);
  }

  /** The same anomaly flagged as raised on a provisional (early) pane. */
  public Anomaly asProvisional() {
    return new Anomaly(metric, observed, expected, score, severity, true, baselineWindows);
  }

  public String metric() {
    return metric;
  }

  public double observed() {
    return observed;
  }

  public double expected() {
    return expected;
  }

  public double score() {
    return score;
  }

  /** {@link #DROP} or {@link #SPIKE}. */
  public String direction() {
    return score < 0 ? DROP : SPIKE;
  }

  public Severity severity() {
    return severity;
  }

  public boolean provisional() {
    return provisional;
  }

  public int baselineWindows() {
    return baselineWindows;
  }

  /** A short readable description, e.g. {@code purchases DROP observed 0 expected 18.0 score -4.3 CRITICAL}. */
  public String describe() {
    return String.format(Locale.ROOT, "%s %s observed %s expected %s score %.1f %s%s", metric, direction(),
        format(observed), format(expected), score, severity, provisional ? " (provisional)" : "");
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.4g", value);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Anomaly)) {
      return false;
    }
    Anomaly that = (Anomaly) o;
    return Double.compare(observed, that.observed) == 0
        && Double.compare(expected, that.expected) == 0
        && Double.compare(score, that.score) == 0
        && provisional == that.provisional
        && baselineWindows == that.baselineWindows
        && metric.equals(that.metric)
        && severity.equals(that.severity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metric, observed, expected, score, severity, provisional, baselineWindows);
  }

  @Override
  public String toString() {
    return "Anomaly{" + describe() + ", baseline " + baselineWindows + "}";
  }
}
