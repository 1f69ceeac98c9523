package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.AlertStatus;
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
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Detection over one brand's hourly rows (nine days of seeded random traffic with a daily cycle; on
 * the last day carts at 55% from 07:00 to 11:00, no row at all from 12:00 to 14:00, no purchases from
 * 17:00 to 20:00 while views and carts go on, and a five-fold view spike at 21:00): the checkout
 * outage is opened at once, updated while it lasts, closed on recovery, with its start and the
 * purchases missing; the milder cart drop, unremarkable hour by hour, is opened once its evidence has
 * added up, with its start; the hours without a row are judged as no traffic when the next row
 * arrives; the same alerts from a bounded run and from a stream (TestStream on Direct) whose EARLY
 * panes arrive shuffled and whose ON_TIME panes arrive one by one on some days and a day at once,
 * shuffled, on others; provisional spike alerts on early panes; late panes that never alert.
 */
@SuppressWarnings("unchecked")
class DetectAnomaliesTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long START = 1_569_888_000_000L; // 2019-10-01T00:00:00Z
  private static final int DAYS = 9;
  private static final long OUTAGE = START + 8 * DAY + 17 * HOUR;
  private static final int OUTAGE_HOURS = 3;
  private static final long SPIKE = START + 8 * DAY + 21 * HOUR;
  private static final long SILENCE = START + 8 * DAY + 12 * HOUR;
  private static final long CART_DROP = START + 8 * DAY + 7 * HOUR;
  private static final int CART_DROP_HOURS = 4;
  private static final int SILENT_HOURS = 2;
  private static final AnomalyThresholds THRESHOLDS = AnomalyThresholds.defaults();

  /** Final counts of every window, from a fixed seed. */
  private static List<FunnelRow> finalRows() {
    Random random = new Random(19);
    List<FunnelRow> rows = new ArrayList<>();
    for (long start = START; start < START + DAYS * DAY; start += HOUR) {
      long hour = (start - START) % DAY / HOUR;
      long views = poisson(random, 200 + 30 * hour);
      long carts = binomial(random, views, 0.1);
      if (start >= CART_DROP && start < CART_DROP + CART_DROP_HOURS * HOUR) {
        carts = Math.round(carts * 0.55);
      }
      long purchases = binomial(random, carts, 0.3);
      if (start >= OUTAGE && start < OUTAGE + OUTAGE_HOURS * HOUR) {
        purchases = 0;
      }
      if (start == SPIKE) {
        views *= 5;
      }
      long revenue = 0;
      for (int p = 0; p < purchases; p++) {
        revenue += Math.round(1000 * Math.exp(0.5 * random.nextGaussian()));
      }
      if (start < SILENCE || start >= SILENCE + SILENT_HOURS * HOUR) {
        rows.add(row(start, FunnelCounts.of(views, carts, carts / 5, purchases, revenue), "ON_TIME", 1));
      }
    }
    return rows;
  }

  private static long poisson(Random random, double mean) {
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
  }

  private static long binomial(Random random, long n, double p) {
    long k = 0;
    for (long i = 0; i < n; i++) {
      k += random.nextDouble() < p ? 1 : 0;
    }
    return k;
  }

  private static FunnelRow row(long start, FunnelCounts counts, String timing, long index) {
    return FunnelRow.of(start, start + HOUR, "acme", counts, PaneFacts.of(timing, index, false));
  }

  /** Each window's EARLY pane (half the events so far) then its ON_TIME pane. */
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

  private static List<WindowRow<String, Anomaly>> of(String metric, List<WindowRow<String, Anomaly>> alerts) {
    return alerts.stream().filter(a -> a.value().metric().equals(metric)).collect(Collectors.toList());
  }

  private static TestPipeline pipeline() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(false);
  }

  @Test
  void aCheckoutOutageIsOpenedUpdatedWhileItLastsAndClosedOnRecovery() {
    List<WindowRow<String, Anomaly>> purchases = of("purchases", expected()).stream()
        .filter(a -> a.windowStartMillis() >= OUTAGE).collect(Collectors.toList());
    List<String> life = purchases.stream()
        .map(a -> (a.windowStartMillis() - OUTAGE) / HOUR + "h " + a.value().direction() + " " + a.value().status())
        .collect(Collectors.toList());
    // About 20 purchases expected an hour: one empty hour is enough evidence. The alert lasts while
    // the windows after the outage are still low enough to count as evidence of the drop.
    assertThat(life.get(0), is("0h DROP OPENED"));
    assertThat(life.subList(1, OUTAGE_HOURS), contains("1h DROP UPDATED", "2h DROP UPDATED"));
    assertThat(life.get(life.size() - 1).endsWith("DROP CLOSED"), is(true));
    assertThat(life.subList(1, life.size() - 1).stream().allMatch(l -> l.endsWith("UPDATED")), is(true));
    Anomaly closed = purchases.get(purchases.size() - 1).value();
    assertThat(closed.startedMillis(), is(OUTAGE));
    assertThat(closed.runWindows(), is(purchases.size() - 1));
    Anomaly lastOfOutage = purchases.get(OUTAGE_HOURS - 1).value();
    assertThat(lastOfOutage.runWindows(), is(OUTAGE_HOURS));
    assertThat(lastOfOutage.observedTotal(), is(0.0));
    assertThat(lastOfOutage.missing(), closeTo(lastOfOutage.expectedTotal(), 1e-9));
    assertThat(lastOfOutage.missing(), greaterThan(45.0));
    assertThat(lastOfOutage.severity(), is(Severity.CRITICAL));
    assertThat(purchases.get(0).value().describe().contains("purchases missing since 2019-10-09T17:00:00Z"), is(true));
  }

  @Test
  void aMilderDropThatNoSingleHourShowsIsOpenedOnceItsEvidenceAddsUp() {
    List<WindowRow<String, Anomaly>> carts = of("carts", expected()).stream()
        .filter(a -> a.windowStartMillis() < SILENCE).collect(Collectors.toList());
    assertThat(carts.isEmpty(), is(false));
    WindowRow<String, Anomaly> opened = carts.get(0);
    assertThat(opened.value().status(), is(AlertStatus.OPENED));
    assertThat(opened.value().direction(), is(Anomaly.DROP));
    assertThat("opened after evidence of several hours", opened.value().runWindows(), greaterThan(1));
    assertThat(opened.value().startedMillis(), is(CART_DROP));
    assertThat(opened.windowStartMillis(), is(CART_DROP + (opened.value().runWindows() - 1) * HOUR));
    assertThat(carts.get(carts.size() - 1).value().status(), is(AlertStatus.CLOSED));
  }

  @Test
  void hoursWithoutARowAreJudgedAsNoTrafficWhenTheNextRowArrives() {
    List<String> views = of("views", expected()).stream()
        .filter(a -> a.windowStartMillis() < OUTAGE)
        .map(a -> (a.windowStartMillis() - SILENCE) / HOUR + "h " + a.value().direction() + " " + a.value().status()
            + " pane " + a.pane().index())
        .collect(Collectors.toList());
    assertThat(views, contains("0h DROP OPENED pane 1", "1h DROP UPDATED pane 1", "2h DROP CLOSED pane 1"));
    assertThat(of("views", expected()).get(1).value().observedTotal(), is(0.0));
  }

  @Test
  void onlyTheCartDropTheSilenceTheOutageAndTheSpikeAlert() {
    for (WindowRow<String, Anomaly> alert : expected()) {
      long at = alert.windowStartMillis();
      boolean cartDrop = at >= CART_DROP && at <= CART_DROP + CART_DROP_HOURS * HOUR;
      boolean silence = at >= SILENCE && at <= SILENCE + SILENT_HOURS * HOUR;
      boolean outage = at >= OUTAGE && at <= OUTAGE + OUTAGE_HOURS * HOUR;
      boolean spike = at >= SPIKE && at <= SPIKE + HOUR;
      assertThat(alert.toString(), cartDrop || silence || outage || spike, is(true));
    }
    List<String> spike = of("views", expected()).stream()
        .filter(a -> a.windowStartMillis() >= SPIKE)
        .map(a -> (a.windowStartMillis() - SPIKE) / HOUR + "h " + a.value().direction() + " " + a.value().status())
        .collect(Collectors.toList());
    assertThat(spike, contains("0h SPIKE OPENED", "1h SPIKE CLOSED"));
  }

  @Test
  void nothingIsJudgedWithoutEnoughBaselineDays() {
    List<FunnelRow> threeDays = finalRows().subList(0, 3 * 24 + 1);
    List<FunnelRow> withCollapse = new ArrayList<>(threeDays);
    FunnelRow last = withCollapse.remove(withCollapse.size() - 1);
    withCollapse.add(row(last.windowStartMillis(), FunnelCounts.of(0, 0, 0, 0, 0), "ON_TIME", 1));
    assertThat(DetectAnomalies.judgeSeries(new AnomalyDetector(THRESHOLDS), "acme", withCollapse), is(empty()));
  }

  @Test
  @Timeout(60)
  void aStreamWhoseOnTimePanesArriveOneByOneOrADayAtOnceShuffledRaisesTheSameAlertsAsTheBoundedRun() {
    List<WindowRow<String, Anomaly>> expected = expected();
    assertThat(expected.isEmpty(), is(false));

    TestPipeline bounded = pipeline();
    PCollection<WindowRow<String, Anomaly>> fromBatch =
        bounded.apply(Create.of(panes()).withCoder(FunnelRowCoder.of())).apply(DetectAnomalies.with(THRESHOLDS));
    PAssert.that(fromBatch).containsInAnyOrder(expected);
    bounded.run().waitUntilFinish();

    TestPipeline streaming = pipeline();
    TestStream.Builder<FunnelRow> stream = TestStream.create(FunnelRowCoder.of());
    List<FunnelRow> all = panes();
    Random random = new Random(5);
    for (int day = 0; day < DAYS; day++) {
      long from = START + day * DAY;
      List<FunnelRow> early = all.stream()
          .filter(r -> r.windowStartMillis() >= from && r.windowStartMillis() < from + DAY && r.pane().index() == 0)
          .collect(Collectors.toList());
      Collections.shuffle(early, random);
      stream = stream.addElements(timestamped(early.get(0)),
          early.subList(1, early.size()).stream().map(DetectAnomaliesTest::timestamped).toArray(TimestampedValue[]::new));
      List<FunnelRow> onTime = all.stream()
          .filter(r -> r.windowStartMillis() >= from && r.windowStartMillis() < from + DAY && r.pane().index() == 1)
          .collect(Collectors.toList());
      if (day % 2 == 0) {
        // The watermark moves window by window (live data): ON_TIME panes arrive one by one, in order.
        for (FunnelRow r : onTime) {
          stream = stream.addElements(timestamped(r)).advanceWatermarkTo(new Instant(r.windowEndMillis()));
        }
      } else {
        // The watermark jumps a day at once (a backfill): the day's ON_TIME panes arrive together, shuffled.
        Collections.shuffle(onTime, random);
        stream = stream.addElements(timestamped(onTime.get(0)), onTime.subList(1, onTime.size()).stream()
            .map(DetectAnomaliesTest::timestamped).toArray(TimestampedValue[]::new));
        stream = stream.advanceWatermarkTo(new Instant(from + DAY));
      }
    }
    PCollection<WindowRow<String, Anomaly>> fromStream =
        streaming.apply(stream.advanceWatermarkToInfinity()).apply(DetectAnomalies.with(THRESHOLDS));
    PAssert.that(fromStream).containsInAnyOrder(expected);
    streaming.run().waitUntilFinish();
  }

  private static TimestampedValue<FunnelRow> timestamped(FunnelRow row) {
    return TimestampedValue.of(row, new Instant(row.windowEndMillis() - 1));
  }

  @Test
  @Timeout(60)
  void earlyPanesAlertSpikesProvisionallyAndLatePanesNeverAlert() {
    TestPipeline streaming = pipeline();
    List<TimestampedValue<FunnelRow>> arrivals = new ArrayList<>();
    for (FunnelRow r : finalRows()) {
      if (r.windowStartMillis() == SPIKE) {
        arrivals.add(TimestampedValue.of(row(SPIKE, r.counts(), "EARLY", 0), new Instant(SPIKE)));
      }
      arrivals.add(timestamped(r));
    }
    FunnelRow collapsedLate = row(START + 8 * DAY + 10 * HOUR, FunnelCounts.of(4000, 0, 0, 0, 0), "LATE", 2);
    TestStream.Builder<FunnelRow> stream = TestStream.create(FunnelRowCoder.of())
        .addElements(arrivals.get(0), arrivals.subList(1, arrivals.size()).toArray(TimestampedValue[]::new))
        .addElements(timestamped(collapsedLate));
    PCollection<WindowRow<String, Anomaly>> alerts =
        streaming.apply(stream.advanceWatermarkToInfinity())
            .apply(DetectAnomalies.with(THRESHOLDS).withEarlyAlerts(true));
    List<WindowRow<String, Anomaly>> expected = new ArrayList<>(expected());
    for (WindowRow<String, Anomaly> a : expected()) {
      if (a.windowStartMillis() == SPIKE && a.value().status() == AlertStatus.OPENED
          && a.value().direction().equals(Anomaly.SPIKE)) {
        expected.add(WindowRow.of(a.windowStartMillis(), a.windowEndMillis(), a.key(), a.value().asProvisional(),
            PaneFacts.of("EARLY", 0, false)));
      }
    }
    assertThat(expected.stream().filter(a -> a.value().provisional()).count(), greaterThan(0L));
    assertThat(expected.stream().filter(a -> a.value().provisional()).map(a -> a.value().direction())
        .collect(Collectors.toList()), everyItem(is(Anomaly.SPIKE)));
    PAssert.that(alerts).containsInAnyOrder(expected);
    streaming.run().waitUntilFinish();
  }

  @Test
  void codersRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(AnomalyCoder.of(), new Anomaly("purchases", AlertStatus.UPDATED, 0, 11.5,
        -14.2, Severity.CRITICAL, true, 7, START, 2, 0, 23.1));
    BrandHistory history = BrandHistory.empty();
    history.record(START, 0, FunnelCounts.of(1, 2, 3, 4, 5));
    history.record(START + HOUR, 1, FunnelCounts.of(6, 7, 8, 9, 10));
    history.judgedThrough(START);
    history.run(AnomalyMetric.PURCHASES, false).add(START, 12, 0, 11, 10.6);
    BrandHistory decoded = CoderUtils.clone(BrandHistoryCoder.of(), history);
    assertThat(decoded.firstWindowStart(), is(START));
    assertThat(decoded.judgedThrough(), is(START));
    assertThat(decoded.sameHourBefore(START + DAY, 1), contains(FunnelCounts.of(1, 2, 3, 4, 5)));
    EvidenceRun run = decoded.run(AnomalyMetric.PURCHASES, false);
    assertThat(run.open(), is(true));
    assertThat(run.level(), is(12.0));
    assertThat(run.expectedTotal(), is(11.0));
    assertThat(decoded.run(AnomalyMetric.PURCHASES, true).level(), is(0.0));
  }
}
