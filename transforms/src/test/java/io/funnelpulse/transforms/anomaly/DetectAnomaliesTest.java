package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.AnomalyCoder;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.Severity;
import io.funnelpulse.model.WindowRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Detection over hand-made hourly rows of one brand (five days; on the last day a five-fold view spike
 * at 18:00 and no purchases at 19:00): the anomalies found against the same hour on earlier days,
 * the same alerts from a bounded run and from a stream whose panes arrive shuffled within each day
 * (TestStream on Direct), provisional alerts on early panes, and late panes that never alert.
 */
@SuppressWarnings("unchecked")
class DetectAnomaliesTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long START = 1_569_888_000_000L; // 2019-10-01T00:00:00Z
  private static final int DAYS = 5;
  private static final long SPIKE = START + 4 * DAY + 18 * HOUR;
  private static final long COLLAPSE = START + 4 * DAY + 19 * HOUR;
  private static final AnomalyThresholds THRESHOLDS = AnomalyThresholds.defaults().withBaselineDays(3, 3);

  /** Final counts of the brand's window starting at {@code start}. */
  private static FunnelCounts counts(long start) {
    long day = (start - START) / DAY;
    long hour = (start - START) % DAY / HOUR;
    long views = 400 + 40 * hour + 7 * ((day * 5 + hour) % 4);
    long purchases = views / 25 + (day % 2);
    long carts = views / 10;
    if (start == SPIKE) {
      views *= 5;
    }
    if (start == COLLAPSE) {
      purchases = 0;
    }
    return FunnelCounts.of(views, carts, views / 50, purchases, purchases * 1999);
  }

  private static FunnelRow row(long start, FunnelCounts counts, String timing, long index) {
    return FunnelRow.of(start, start + HOUR, "acme", counts, PaneFacts.of(timing, index, false));
  }

  private static List<FunnelRow> finalRows() {
    List<FunnelRow> rows = new ArrayList<>();
    for (long start = START; start < START + DAYS * DAY; start += HOUR) {
      rows.add(row(start, counts(start), "ON_TIME", 1));
    }
    return rows;
  }

  /** Each window's EARLY pane (half the views, no purchases yet) then its ON_TIME pane. */
  private static List<FunnelRow> panes() {
    List<FunnelRow> rows = new ArrayList<>();
    for (FunnelRow onTime : finalRows()) {
      FunnelCounts c = onTime.counts();
      rows.add(row(onTime.windowStartMillis(), FunnelCounts.of(c.views() / 2, c.carts() / 2, 0, 0, 0), "EARLY", 0));
      rows.add(onTime);
    }
    return rows;
  }

  private static List<WindowRow<String, Anomaly>> expected() {
    return DetectAnomalies.judgeSeries(new AnomalyDetector(THRESHOLDS), "acme", finalRows());
  }

  private static TestPipeline pipeline() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(false);
  }

  @Test
  void theSpikeAndTheCollapseAreFoundAgainstTheSameHourOnEarlierDays() {
    List<String> found = expected().stream()
        .map(a -> (a.windowStartMillis() - START) / HOUR + "h " + a.value().metric() + " " + a.value().direction())
        .collect(Collectors.toList());
    assertThat(found, contains(
        "114h views SPIKE", "114h view_to_cart_rate DROP", "114h conversion_rate DROP",
        "115h purchases DROP", "115h conversion_rate DROP"));
    assertThat(expected().get(0).value().baselineWindows(), is(3));
    assertThat(expected().get(0).value().severity(), is(Severity.CRITICAL));
  }

  @Test
  void nothingIsJudgedWithoutEnoughBaselineDaysOrVolume() {
    AnomalyDetector detector = new AnomalyDetector(THRESHOLDS);
    FunnelCounts normal = FunnelCounts.of(1000, 100, 20, 40, 0);
    assertThat(detector.judge(FunnelCounts.of(5000, 100, 20, 0, 0), List.of(normal, normal)), is(empty()));
    FunnelCounts quiet = FunnelCounts.of(60, 6, 1, 2, 0);
    assertThat(detector.judge(FunnelCounts.of(600, 0, 0, 0, 0), List.of(quiet, quiet, quiet)), is(empty()));
  }

  @Test
  @Timeout(60)
  void aStreamWithPanesShuffledWithinEachDayRaisesTheSameAlertsAsTheBoundedRun() {
    List<WindowRow<String, Anomaly>> expected = expected();
    assertThat(expected.isEmpty(), is(false));

    TestPipeline bounded = pipeline();
    PCollection<WindowRow<String, Anomaly>> fromBatch =
        bounded.apply(Create.of(panes()).withCoder(FunnelRowCoder.of()))
            .apply(DetectAnomalies.with(THRESHOLDS));
    PAssert.that(fromBatch).containsInAnyOrder(expected);
    bounded.run().waitUntilFinish();

    TestPipeline streaming = pipeline();
    TestStream.Builder<FunnelRow> stream = TestStream.create(FunnelRowCoder.of());
    List<FunnelRow> all = panes();
    Random random = new Random(5);
    for (int day = 0; day < DAYS; day++) {
      long from = START + day * DAY;
      List<FunnelRow> ofDay = all.stream()
          .filter(r -> r.windowStartMillis() >= from && r.windowStartMillis() < from + DAY)
          .collect(Collectors.toList());
      List<FunnelRow> early = ofDay.stream().filter(r -> r.pane().timing() == PaneInfo.Timing.EARLY).collect(Collectors.toList());
      List<FunnelRow> onTime = ofDay.stream().filter(r -> r.pane().timing() != PaneInfo.Timing.EARLY).collect(Collectors.toList());
      Collections.shuffle(early, random);
      Collections.shuffle(onTime, random);
      List<TimestampedValue<FunnelRow>> arrivals = new ArrayList<>();
      for (FunnelRow r : early) {
        arrivals.add(TimestampedValue.of(r, new Instant(r.windowEndMillis() - 1)));
      }
      for (FunnelRow r : onTime) {
        arrivals.add(TimestampedValue.of(r, new Instant(r.windowEndMillis() - 1)));
      }
      stream = stream.addElements(
          arrivals.get(0), arrivals.subList(1, arrivals.size()).toArray(TimestampedValue[]::new));
      stream = stream.advanceWatermarkTo(new Instant(from + DAY));
    }
    PCollection<WindowRow<String, Anomaly>> fromStream =
        streaming.apply(stream.advanceWatermarkToInfinity()).apply(DetectAnomalies.with(THRESHOLDS));
    PAssert.that(fromStream).containsInAnyOrder(expected);
    streaming.run().waitUntilFinish();
  }

  @Test
  @Timeout(60)
  void earlyPanesAlertProvisionallyAndLatePanesNeverAlert() {
    TestPipeline streaming = pipeline();
    List<TimestampedValue<FunnelRow>> arrivals = new ArrayList<>();
    for (FunnelRow r : finalRows()) {
      if (r.windowStartMillis() == SPIKE) {
        arrivals.add(TimestampedValue.of(row(SPIKE, r.counts(), "EARLY", 0), new Instant(SPIKE)));
      }
      arrivals.add(TimestampedValue.of(r, new Instant(r.windowEndMillis() - 1)));
    }
    FunnelRow collapsedLate = row(START + 4 * DAY + 12 * HOUR, FunnelCounts.of(4000, 0, 0, 0, 0), "LATE", 2);
    arrivals.add(TimestampedValue.of(collapsedLate, new Instant(collapsedLate.windowEndMillis() - 1)));
    TestStream.Builder<FunnelRow> stream = TestStream.create(FunnelRowCoder.of()).addElements(
        arrivals.get(0), arrivals.subList(1, arrivals.size()).toArray(TimestampedValue[]::new));
    PCollection<WindowRow<String, Anomaly>> alerts =
        streaming.apply(stream.advanceWatermarkToInfinity())
            .apply(DetectAnomalies.with(THRESHOLDS).withEarlyAlerts(true));
    List<WindowRow<String, Anomaly>> expected = new ArrayList<>(expected());
    for (WindowRow<String, Anomaly> a : expected()) {
      if (a.windowStartMillis() == SPIKE) {
        expected.add(WindowRow.of(a.windowStartMillis(), a.windowEndMillis(), a.key(), a.value().asProvisional(),
            PaneFacts.of("EARLY", 0, false)));
      }
    }
    PAssert.that(alerts).containsInAnyOrder(expected);
    streaming.run().waitUntilFinish();
  }

  @Test
  void codersRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(AnomalyCoder.of(), Anomaly.of("views", 10, 2.5, -4.2, Severity.WARNING, true, 7));
    BrandHistory history = BrandHistory.empty();
    history.record(START, 0, FunnelCounts.of(1, 2, 3, 4, 5));
    history.record(START + HOUR, 1, FunnelCounts.of(6, 7, 8, 9, 10));
    history.markJudged(START);
    BrandHistory decoded = org.apache.beam.sdk.util.CoderUtils.clone(BrandHistoryCoder.of(), history);
    assertThat(decoded.firstWindowStart(), is(START));
    assertThat(decoded.sameHourBefore(START + DAY, 1), contains(FunnelCounts.of(1, 2, 3, 4, 5)));
    assertThat(decoded.markJudged(START), is(false));
    assertThat(decoded.markJudged(START + HOUR), is(true));
  }
}
