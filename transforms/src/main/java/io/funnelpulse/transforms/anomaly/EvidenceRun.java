package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.AlertStatus;

/**
 * The evidence of one metric of one brand in one direction over consecutive windows, and the alert
 * it raises: a one-sided CUSUM of the windows' log-likelihood ratios. The level is
 * {@code max(0, level + evidence)}; a run starts in the window where the level leaves 0 (the
 * change-point estimate) and adds up the observed and expected amounts from there. When the level
 * reaches the alert level the alert is OPENED; each later window whose evidence is still positive
 * UPDATES it (duration, totals); the first window whose evidence is not (it fits the usual level at
 * least as well as the shifted one) CLOSES it, and the evidence starts afresh. Several windows that
 * are each unremarkable thus alert together once their sum is significant.
 */
final class EvidenceRun {
  private double level;
  private long startMillis;
  private int windows;
  private double observedTotal;
  private double expectedTotal;
  private boolean open;

  EvidenceRun() {}

  EvidenceRun(double level, long startMillis, int windows, double observedTotal, double expectedTotal, boolean open) {
    this.level = level;
    this.startMillis = startMillis;
    this.windows = windows;
    this.observedTotal = observedTotal;
    this.expectedTotal = expectedTotal;
    this.open = open;
  }

  /** One step of an alert's life: its status after the window, and the run's facts. */
  record Step(AlertStatus status, double level, long startMillis, int windows, double observedTotal,
      double expectedTotal) {}

  /**
   * Adds the window starting at {@code windowStart} with {@code evidence}; returns the alert's new
   * state, or null when no alert is open or opened.
   */
  Step add(long windowStart, double evidence, double observed, double expected, double alertLevel) {
    if (open) {
      if (evidence <= 0) {
        Step closed = new Step(AlertStatus.CLOSED, level, startMillis, windows, observedTotal, expectedTotal);
        reset();
        return closed;
      }
      accumulate(windowStart, evidence, observed, expected);
      return snapshot(AlertStatus.UPDATED);
    }
    if (level + evidence <= 0) {
      reset();
      return null;
    }
    accumulate(windowStart, evidence, observed, expected);
    if (level >= alertLevel) {
      open = true;
      return snapshot(AlertStatus.OPENED);
    }
    return null;
  }

  /** The step {@link #add} would return, without changing the run (for provisional alerts). */
  Step peek(long windowStart, double evidence, double observed, double expected, double alertLevel) {
    return copy().add(windowStart, evidence, observed, expected, alertLevel);
  }

  private void accumulate(long windowStart, double evidence, double observed, double expected) {
    if (windows == 0) {
      startMillis = windowStart;
    }
    level += evidence;
    windows++;
    observedTotal += observed;
    expectedTotal += expected;
  }

  private void reset() {
    level = 0;
    startMillis = 0;
    windows = 0;
    observedTotal = 0;
    expectedTotal = 0;
    open = false;
  }

  private Step snapshot(AlertStatus status) {
    return new Step(status, level, startMillis, windows, observedTotal, expectedTotal);
  }

  EvidenceRun copy() {
    return new EvidenceRun(level, startMillis, windows, observedTotal, expectedTotal, open);
  }

  double level() {
    return level;
  }

  long startMillis() {
    return startMillis;
  }

  int windows() {
    return windows;
  }

  double observedTotal() {
    return observedTotal;
  }

  double expectedTotal() {
    return expectedTotal;
  }

  boolean open() {
    return open;
  }
}
