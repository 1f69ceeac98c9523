package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.AnomalyCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Funnel anomalies per brand: each window's views, purchases, view→cart and conversion rates judged by
 * {@link AnomalyDetector} against the same hour of day on the brand's previous days. Rows without a
 * brand are not judged.
 *
 * <p>No timers are needed (Spark streaming has none): rows are keyed by brand in the global window.
 * A bounded input is grouped per brand and its windows judged in time order, each on its latest pane.
 * A stream keeps each brand's recent windows in state ({@link BrandHistory}) and judges a window once,
 * on its ON_TIME pane (on EARLY panes too, flagged provisional, if asked); LATE panes only update the
 * history. A baseline reaches back at least a day, further than the allowed lateness, so by the time a
 * window is judged its baseline windows are final and in state whatever order rows arrived in within
 * a day: the stream raises the same alerts as the bounded run over the same events (when none are late).
 *
 * <pre>{@code
 * PCollection<WindowRow<String, Anomaly>> alerts =
 *     funnelRows.apply("DetectAnomalies", DetectAnomalies.with(AnomalyThresholds.defaults()));
 * }</pre>
 */
public final class DetectAnomalies
    extends PTransform<PCollection<FunnelRow>, PCollection<WindowRow<String, Anomaly>>> {
  private final AnomalyThresholds thresholds;
  private final boolean earlyAlerts;

  private DetectAnomalies(AnomalyThresholds thresholds, boolean earlyAlerts) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.earlyAlerts = earlyAlerts;
  }

  /** Detection with {@code thresholds}, alerting on ON_TIME panes only. */
  public static DetectAnomalies with(AnomalyThresholds thresholds) {
    return new DetectAnomalies(thresholds, false);
  }

  /** A copy that, on a stream, also alerts on EARLY panes, flagged provisional. */
  public DetectAnomalies withEarlyAlerts(boolean value) {
    return new DetectAnomalies(thresholds, value);
  }

  @Override
  public PCollection<WindowRow<String, Anomaly>> expand(PCollection<FunnelRow> rows) {
    AnomalyDetector detector = new AnomalyDetector(thresholds);
    PCollection<KV<String, FunnelRow>> byBrand =
        rows.apply("KeyByBrand", ParDo.of(new KeyByBrandFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), FunnelRowCoder.of()))
            .apply(
                "GlobalWindow",
                Window.<KV<String, FunnelRow>>into(new GlobalWindows())
                    .triggering(DefaultTrigger.of())
                    .withAllowedLateness(Duration.ZERO)
                    .discardingFiredPanes());
    PCollection<WindowRow<String, Anomaly>> alerts =
        RunnerWorkarounds.judgesPanesInState(rows)
            ? byBrand.apply("JudgePanes", ParDo.of(new JudgePanesFn(detector, earlyAlerts)))
            : byBrand.apply("GroupPerBrand", GroupByKey.create())
                .apply("JudgeSeries", ParDo.of(new JudgeSeriesFn(detector)));
    return alerts.setCoder(WindowRowCoder.of(StringUtf8Coder.of(), AnomalyCoder.of()));
  }

  /**
   * The anomalies of one brand's rows as a bounded run finds them: the latest pane per window, windows
   * judged in time order. Also for computing alerts outside a pipeline (tests, notebooks).
   */
  public static List<WindowRow<String, Anomaly>> judgeSeries(
      AnomalyDetector detector, String brand, Iterable<FunnelRow> rows) {
    TreeMap<Long, FunnelRow> latest = new TreeMap<>();
    for (FunnelRow row : rows) {
      latest.merge(row.windowStartMillis(), row, (a, b) -> b.pane().index() > a.pane().index() ? b : a);
    }
    List<WindowRow<String, Anomaly>> alerts = new ArrayList<>();
    BrandHistory history = BrandHistory.empty();
    for (FunnelRow row : latest.values()) {
      history.record(row.windowStartMillis(), row.pane().index(), row.counts());
      history.markJudged(row.windowStartMillis());
      judge(detector, history, KV.of(brand, row), false, alerts::add);
      history.keepDays(detector.thresholds().baselineDays());
    }
    return alerts;
  }

  /** Judges {@code row} against {@code history}, outputs its anomalies and returns how many. */
  static int judge(
      AnomalyDetector detector,
      BrandHistory history,
      KV<String, FunnelRow> row,
      boolean provisional,
      Consumer<WindowRow<String, Anomaly>> out) {
    FunnelRow funnel = row.getValue();
    int count = 0;
    for (Anomaly anomaly :
        detector.judge(
            funnel.counts(),
            history.sameHourBefore(funnel.windowStartMillis(), detector.thresholds().baselineDays()))) {
      out.accept(
          WindowRow.of(
              funnel.windowStartMillis(),
              funnel.windowEndMillis(),
              row.getKey(),
              provisional ? anomaly.asProvisional() : anomaly,
              funnel.pane()));
      count++;
    }
    return count;
  }

  /** Keys rows by brand; rows of the missing-brand group are left out. */
  static final class KeyByBrandFn extends DoFn<FunnelRow, KV<String, FunnelRow>> {
    @ProcessElement
    public void processElement(@Element FunnelRow row, OutputReceiver<KV<String, FunnelRow>> out) {
      if (row.key() != null) {
        out.output(KV.of(row.key(), row));
      }
    }
  }

  /** Bounded: one brand's rows, latest pane per window, judged in window order. */
  static final class JudgeSeriesFn extends DoFn<KV<String, Iterable<FunnelRow>>, WindowRow<String, Anomaly>> {
    private final AnomalyDetector detector;
    private final Counter found = Metrics.counter(MetricNames.ANOMALIES, MetricNames.FOUND);

    JudgeSeriesFn(AnomalyDetector detector) {
      this.detector = detector;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<FunnelRow>> brand, OutputReceiver<WindowRow<String, Anomaly>> out) {
      List<WindowRow<String, Anomaly>> alerts = judgeSeries(detector, brand.getKey(), brand.getValue());
      alerts.forEach(out::output);
      found.inc(alerts.size());
    }
  }

  /** Stream: a brand's recent windows in state; each window judged once, on its ON_TIME pane. */
  static final class JudgePanesFn extends DoFn<KV<String, FunnelRow>, WindowRow<String, Anomaly>> {
    private final AnomalyDetector detector;
    private final boolean earlyAlerts;
    private final Counter found = Metrics.counter(MetricNames.ANOMALIES, MetricNames.FOUND);

    @StateId("history")
    private final StateSpec<ValueState<BrandHistory>> historySpec = StateSpecs.value(BrandHistoryCoder.of());

    JudgePanesFn(AnomalyDetector detector, boolean earlyAlerts) {
      this.detector = detector;
      this.earlyAlerts = earlyAlerts;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, FunnelRow> row,
        @StateId("history") ValueState<BrandHistory> state,
        OutputReceiver<WindowRow<String, Anomaly>> out) {
      BrandHistory history = state.read();
      if (history == null) {
        history = BrandHistory.empty();
      }
      FunnelRow funnel = row.getValue();
      long start = funnel.windowStartMillis();
      history.record(start, funnel.pane().index(), funnel.counts());
      PaneInfo.Timing timing = funnel.pane().timing();
      if (timing == PaneInfo.Timing.ON_TIME && history.markJudged(start)) {
        found.inc(judge(detector, history, row, false, out::output));
      } else if (timing == PaneInfo.Timing.EARLY && earlyAlerts) {
        found.inc(judge(detector, history, row, true, out::output));
      }
      history.keepDays(detector.thresholds().baselineDays());
      state.write(history);
    }
  }
}
