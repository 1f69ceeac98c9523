package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.Severity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a brand's windows one after the other. Per window and metric the model that fits the metric
 * ({@link AnomalyMetric}) weighs the window against the same hour on the brand's previous days and
 * gives the log-likelihood ratio of a drop and of a spike; each feeds that metric's
 * {@link EvidenceRun} (a CUSUM), which opens an alert once the accumulated evidence reaches the
 * alert level, updates it while the evidence keeps coming and closes it on recovery. A window with
 * fewer baseline days than the minimum is not judged. How much traffic a judgement needs follows
 * from the evidence: a quiet brand's hour rarely carries enough, a busy brand's often does.
 *
 * <pre>{@code
 * AnomalyDetector detector = new AnomalyDetector(AnomalyThresholds.defaults());
 * List<WindowRow<String, Anomaly>> alerts = DetectAnomalies.judgeSeries(detector, "acme", rows);
 * }</pre>
 */
public final class AnomalyDetector implements Serializable {
  private static final long serialVersionUID = 2L;

  private final AnomalyThresholds thresholds;

  public AnomalyDetector(AnomalyThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public AnomalyThresholds thresholds() {
    return thresholds;
  }

  /**
   * Judges the window starting at {@code windowStart} (its totals from {@code history}), advancing the
   * brand's evidence runs; returns the alert states the window changes (opened, updated, closed).
   */
  List<Anomaly> judge(BrandHistory history, long windowStart, long windowMillis) {
    return judge(history, windowStart, windowMillis, history.counts(windowStart), false);
  }

  /**
   * What an early pane's totals {@code partial} show, without changing the runs: only spikes (an early
   * pane holds part of the window, so a shortfall is expected), and only alerts not yet open.
   */
  List<Anomaly> provisional(BrandHistory history, long windowStart, long windowMillis, FunnelCounts partial) {
    return judge(history, windowStart, windowMillis, partial, true);
  }

  private List<Anomaly> judge(
      BrandHistory history, long windowStart, long windowMillis, FunnelCounts observed, boolean provisional) {
    List<Anomaly> found = new ArrayList<>();
    FunnelCounts[] sameHour =
        history.sameHourBefore(windowStart, thresholds.baselineDays()).toArray(FunnelCounts[]::new);
    if (sameHour.length < thresholds.minBaselineDays()) {
      return found;
    }
    FunnelCounts[][] recent = history.recentByTimeOfDay(windowStart, windowMillis, thresholds.baselineDays());
    for (AnomalyMetric metric : AnomalyMetric.values()) {
      WindowEvidence evidence = metric.evidence(observed, sameHour, recent, thresholds);
      for (boolean spike : new boolean[] {false, true}) {
        if (provisional && !spike) {
          continue;
        }
        EvidenceRun run = history.run(metric, spike);
        double weight = evidence.evidence(spike);
        double alertLevel = thresholds.alertLevel();
        EvidenceRun.Step step = provisional
            ? run.peek(windowStart, weight, evidence.observedAmount(), evidence.expectedAmount(), alertLevel)
            : run.add(windowStart, weight, evidence.observedAmount(), evidence.expectedAmount(), alertLevel);
        if (step != null && !(provisional && run.open())) {
          found.add(anomaly(metric, spike, evidence, step, sameHour.length, provisional));
        }
      }
    }
    return found;
  }

  private Anomaly anomaly(AnomalyMetric metric, boolean spike, WindowEvidence evidence, EvidenceRun.Step step,
      int baselineDays, boolean provisional) {
    Severity severity = step.level() >= thresholds.criticalLevel() ? Severity.CRITICAL : Severity.WARNING;
    return new Anomaly(metric.column(), step.status(), evidence.observed(), evidence.expected(),
        spike ? step.level() : -step.level(), severity, provisional, baselineDays, step.startMillis(),
        step.windows(), step.observedTotal(), step.expectedTotal());
  }
}
