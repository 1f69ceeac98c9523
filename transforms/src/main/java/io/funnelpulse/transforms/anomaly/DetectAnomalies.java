package io.funnelpulse.transforms.anomaly;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.AnomalyCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.GroupArrivals;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Funnel anomaly alerts per brand: each window's views, carts, purchases, view→cart and cart→purchase
 * rates and revenue judged by {@link AnomalyDetector} against the same hour of day on the brand's
 * previous days, with evidence accumulated over consecutive windows: an alert is opened, updated
 * while it lasts and closed on recovery, one row per state. Rows without a brand are not judged.
 *
 * <p>No timers are needed (Spark streaming has none): rows are keyed by brand in the global window.
 * A bounded input is grouped per brand and its windows judged in time order, each on its latest pane,
 * hours without a row as zero traffic. A stream groups each brand's rows as they arrive (a trigger
 * per element: a bundle, or a Spark micro-batch) and takes them in window order; it keeps each
 * brand's recent windows and evidence in state ({@link BrandHistory}) and, on a window's ON_TIME
 * pane, judges every window from the last one judged up to it in order (so an hour without traffic
 * is judged when the next row arrives); EARLY panes give provisional spike alerts if asked; LATE panes
 * only update the history. As long as no ON_TIME pane arrives after a later window's, in a later
 * batch, the stream raises the bounded run's alerts; such a pane is only recorded.
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
            ? byBrand
                .apply("GroupArrivals", GroupArrivals.perKey())
                .apply("JudgePanes", ParDo.of(new JudgePanesFn(detector, earlyAlerts)))
            : byBrand.apply("GroupPerBrand", GroupByKey.create())
                .apply("JudgeSeries", ParDo.of(new JudgeSeriesFn(detector)));
    return alerts.setCoder(WindowRowCoder.of(StringUtf8Coder.of(), AnomalyCoder.of()));
  }

  /**
   * The alerts of one brand's rows as a bounded run finds them: the latest pane per window, windows
   * judged in time order. Also for computing alerts outside a pipeline (tests, benchmarks).
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
      judgeUpTo(detector, history, brand, row, alerts::add);
      history.keepDays(detector.thresholds().baselineDays());
    }
    return alerts;
  }

  /**
   * Judges, in order, every window after the last one judged up to {@code row}'s (those without a row
   * as zero traffic), outputs their alert states (with {@code row}'s pane facts) and returns how many.
   */
  static int judgeUpTo(
      AnomalyDetector detector, BrandHistory history, String brand, FunnelRow row,
      Consumer<WindowRow<String, Anomaly>> out) {
    long step = row.windowEndMillis() - row.windowStartMillis();
    long from = history.judgedThrough() == BrandHistory.NOTHING_JUDGED
        ? history.firstWindowStart()
        : history.judgedThrough() + step;
    int count = 0;
    for (long start = from; start <= row.windowStartMillis(); start += step) {
      for (Anomaly anomaly : detector.judge(history, start, step)) {
        out.accept(WindowRow.of(start, start + step, brand, anomaly, row.pane()));
        count++;
      }
    }
    history.judgedThrough(Math.max(history.judgedThrough(), row.windowStartMillis()));
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

  /**
   * Stream: a brand's recent windows and evidence in state; windows judged in order on ON_TIME panes.
   * The rows of a brand that arrive together (one firing of the grouping before it: a bundle on
   * Direct, a micro-batch on Spark, where a watermark step can close several windows at once) are
   * taken in window and pane order, so that a window is never judged before an earlier one that came
   * in the same batch.
   */
  static final class JudgePanesFn
      extends DoFn<KV<String, Iterable<FunnelRow>>, WindowRow<String, Anomaly>> {
    private final AnomalyDetector detector;
    private final boolean earlyAlerts;
    private final Counter found = Metrics.counter(MetricNames.ANOMALIES, MetricNames.FOUND);
    private final Counter outOfOrder = Metrics.counter(MetricNames.ANOMALIES, MetricNames.ON_TIME_AFTER_LATER_WINDOWS);

    @StateId("history")
    private final StateSpec<ValueState<BrandHistory>> historySpec = StateSpecs.value(BrandHistoryCoder.of());

    JudgePanesFn(AnomalyDetector detector, boolean earlyAlerts) {
      this.detector = detector;
      this.earlyAlerts = earlyAlerts;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<FunnelRow>> arrivals,
        @StateId("history") ValueState<BrandHistory> state,
        OutputReceiver<WindowRow<String, Anomaly>> out) {
      BrandHistory history = state.read();
      if (history == null) {
        history = BrandHistory.empty();
      }
      List<FunnelRow> rows = new ArrayList<>();
      arrivals.getValue().forEach(rows::add);
      rows.sort(Comparator.comparingLong(FunnelRow::windowStartMillis).thenComparingLong(r -> r.pane().index()));
      for (FunnelRow funnel : rows) {
        take(history, arrivals.getKey(), funnel, out);
      }
      state.write(history);
    }

    /** Records one row and judges what it lets be judged. */
    private void take(BrandHistory history, String brand, FunnelRow funnel,
        OutputReceiver<WindowRow<String, Anomaly>> out) {
      long start = funnel.windowStartMillis();
      history.record(start, funnel.pane().index(), funnel.counts());
      PaneInfo.Timing timing = funnel.pane().timing();
      boolean ahead = start > history.judgedThrough();
      if (timing == PaneInfo.Timing.ON_TIME && ahead) {
        found.inc(judgeUpTo(detector, history, brand, funnel, out::output));
      } else if (timing == PaneInfo.Timing.ON_TIME) {
        outOfOrder.inc();
      } else if (timing == PaneInfo.Timing.EARLY && earlyAlerts && ahead) {
        for (Anomaly anomaly : detector.provisional(
            history, start, funnel.windowEndMillis() - start, funnel.counts())) {
          out.output(WindowRow.of(start, funnel.windowEndMillis(), brand, anomaly, funnel.pane()));
          found.inc();
        }
      }
      history.keepDays(detector.thresholds().baselineDays());
    }
  }
}
