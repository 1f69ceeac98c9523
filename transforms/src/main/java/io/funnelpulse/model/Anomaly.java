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
 *
 * @param metric the metric's column name
 * @param observed the value observed in the window
 * @param expected the baseline median
 * @param score how many baseline scales away the observation is; negative for a drop
 * @param severity how far away
 * @param provisional whether it was raised on a provisional (early) pane
 * @param baselineWindows how many windows the expectation rests on
 */
@DefaultCoder(AnomalyCoder.class)
public record Anomaly(
    String metric, double observed, double expected, double score, Severity severity, boolean provisional,
    int baselineWindows) {
  /** Value of {@link #direction()} for an observation below the expectation. */
  public static final String DROP = "DROP";
  /** Value of {@link #direction()} for an observation above the expectation. */
  public static final String SPIKE = "SPIKE";

  /** Checks that metric and severity are present. */
  public Anomaly {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(severity, "severity");
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

  /** {@link #DROP} or {@link #SPIKE}. */
  public String direction() {
    return score < 0 ? DROP : SPIKE;
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
  public String toString() {
    return "Anomaly{" + describe() + ", baseline " + baselineWindows + "}";
  }
}
