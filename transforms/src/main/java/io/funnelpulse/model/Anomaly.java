package io.funnelpulse.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One state of an anomaly alert of a funnel metric, as of one window: the metric's column name, the
 * alert's status (OPENED, UPDATED while it lasts, CLOSED on recovery), the window's observed and
 * expected values, the evidence (a signed score: the accumulated log-likelihood ratio, negative for a
 * drop), the severity, whether it was raised on a provisional (early) pane, how many baseline days
 * the expectation rests on, and the run so far: when it started, how many windows it spans and the
 * amounts observed and expected over them (events, or currency units for revenue). Brand and window
 * travel beside it (see {@code WindowRow}).
 *
 * @param metric the metric's column name
 * @param status where the alert is in its life
 * @param observed the value observed in the window
 * @param expected the value expected from the brand's history
 * @param score the run's accumulated evidence in nats; negative for a drop
 * @param severity how strong the evidence is
 * @param provisional whether it was raised on a provisional (early) pane
 * @param baselineWindows how many baseline days the expectation rests on
 * @param startedMillis start of the run's first window (epoch milliseconds)
 * @param runWindows windows in the run (the recovery window of a CLOSED alert is not one of them)
 * @param observedTotal amount observed over the run
 * @param expectedTotal amount expected over the run
 */
@DefaultCoder(AnomalyCoder.class)
public record Anomaly(
    String metric, AlertStatus status, double observed, double expected, double score, Severity severity,
    boolean provisional, int baselineWindows, long startedMillis, int runWindows, double observedTotal,
    double expectedTotal) {
  /** Value of {@link #direction()} for an observation below the expectation. */
  public static final String DROP = "DROP";
  /** Value of {@link #direction()} for an observation above the expectation. */
  public static final String SPIKE = "SPIKE";

  /** Checks that metric, status and severity are present. */
  public Anomaly {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
  }

  /** The same alert state flagged as raised on a provisional (early) pane. */
  public Anomaly asProvisional() {
    return new Anomaly(metric, status, observed, expected, score, severity, true, baselineWindows, startedMillis,
        runWindows, observedTotal, expectedTotal);
  }

  /** {@link #DROP} or {@link #SPIKE}. */
  public String direction() {
    return score < 0 ? DROP : SPIKE;
  }

  /** How much is missing (positive) or extra (negative) over the run: expected minus observed total. */
  public double missing() {
    return expectedTotal - observedTotal;
  }

  /**
   * A short readable description, e.g. {@code purchases DROP OPENED observed 0 expected 11.2 score -12.4
   * CRITICAL: ≈ 30 purchases missing since 2019-10-09T17:00:00Z (3 windows)}.
   */
  public String describe() {
    double amount = Math.abs(missing());
    return String.format(Locale.ROOT, "%s %s %s observed %s expected %s score %.1f %s%s: ≈ %s %s %s since %s (%d windows)",
        metric, direction(), status, format(observed), format(expected), score, severity,
        provisional ? " (provisional)" : "", format(Math.rint(amount)), unit(), missing() >= 0 ? "missing" : "extra",
        Instant.ofEpochMilli(startedMillis), runWindows);
  }

  /** What the run's amounts count: the events of the metric (of its numerator for a rate), or money. */
  private String unit() {
    switch (metric) {
      case "view_to_cart_rate":
        return "carts";
      case "cart_to_purchase_rate":
        return "purchases";
      case "revenue":
        return "in revenue";
      default:
        return metric;
    }
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
