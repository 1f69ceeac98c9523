package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.funnelpulse.bench.HourlyBrandFunnel;
import io.funnelpulse.generate.AnomalyInjection;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.LogAnomaliesFn;
import io.funnelpulse.model.AlertStatus;
import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.anomaly.AnomalyDetector;
import io.funnelpulse.transforms.anomaly.AnomalyThresholds;
import io.funnelpulse.transforms.anomaly.DetectAnomalies;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The outage of issue 19, as a new user would try it: three weeks of generated events at a moderate
 * volume (the busiest brand has about 10 to 20 purchases an hour in the evening), once as generated
 * and once with {@code --inject=<busiest brand>:purchases:<evening hour>:3:0}, its purchases gone for
 * three hours while its views and carts go on. The hourly brand funnel is computed in memory with the
 * job's own rules and judged with the bounded job's detection. The outage raises one purchases alert
 * that says when it started, how long it lasted and how many purchases are missing; without the
 * injection the 20 busiest brands stay within the false-alert budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyMonthTest {
  private static final long EVENTS = 2_000_000;
  private static final int DAYS = 21;
  private static final long SEED = 21L;
  private static final int TOP = 20;
  private static final String OUTAGE_HOUR = "2019-10-16T18";
  private static final int OUTAGE_HOURS = 3;

  private final AnomalyDetector detector = new AnomalyDetector(AnomalyThresholds.defaults());
  private List<String> top;
  private AnomalyInjection outage;
  private HourlyBrandFunnel generated;
  private List<WindowRow<String, Anomaly>> withOutage;

  @BeforeAll
  @Timeout(120)
  void generateAndDetect() {
    GeneratorOptions weeks = GeneratorOptions.defaults().withEvents(EVENTS).withDays(DAYS).withSeed(SEED);
    generated = HourlyBrandFunnel.of(weeks);
    top = generated.brandsByViews().subList(0, TOP);
    outage = AnomalyInjection.parse(top.get(0) + ":purchases:" + OUTAGE_HOUR + ":" + OUTAGE_HOURS + ":0");
    HourlyBrandFunnel injected = HourlyBrandFunnel.of(weeks.withInjections(List.of(outage)));
    withOutage = DetectAnomalies.judgeSeries(detector, top.get(0), injected.rows(top.get(0)));
  }

  @Test
  void theCheckoutOutageOfTheBusiestBrandRaisesOnePurchasesAlertWithItsStartDurationAndMissingPurchases() {
    long start = outage.startSecond() * 1000;
    long hour = HourlyBrandFunnel.HOUR_MILLIS;
    double usual = 0;
    for (int h = 0; h < OUTAGE_HOURS; h++) {
      usual += generated.counts(top.get(0), start + h * hour).purchases();
    }
    assertThat("purchases the outage removed", usual, greaterThan(20.0));
    List<WindowRow<String, Anomaly>> purchases = withOutage.stream()
        .filter(a -> a.value().metric().equals("purchases"))
        .collect(Collectors.toList());
    purchases.forEach(a -> System.out.println(LogAnomaliesFn.line(a)));
    List<AlertStatus> life = purchases.stream().map(a -> a.value().status()).collect(Collectors.toList());
    assertThat(life.get(0), is(AlertStatus.OPENED));
    assertThat(life.get(life.size() - 1), is(AlertStatus.CLOSED));
    assertThat("opened once, then only updated", life.subList(1, life.size() - 1).stream()
        .allMatch(s -> s == AlertStatus.UPDATED), is(true));
    assertThat(purchases.get(0).windowStartMillis(), lessThanOrEqualTo(start + (OUTAGE_HOURS - 1) * hour));
    Anomaly closed = purchases.get(purchases.size() - 1).value();
    assertThat(closed.direction(), is(Anomaly.DROP));
    assertThat(closed.startedMillis(), is(start));
    assertThat(closed.runWindows(), is(OUTAGE_HOURS));
    assertThat(purchases.get(purchases.size() - 1).windowStartMillis(), is(start + OUTAGE_HOURS * hour));
    assertThat(closed.observedTotal(), is(0.0));
    assertThat("missing purchases near the ones removed", Math.abs(closed.missing() - usual),
        lessThanOrEqualTo(0.35 * usual));
  }

  @Test
  void outsideTheOutageTheBusiestBrandRaisesNoPurchasesAlert() {
    long start = outage.startSecond() * 1000;
    List<Long> elsewhere = withOutage.stream()
        .filter(a -> a.value().metric().equals("purchases") && a.value().startedMillis() != start)
        .map(WindowRow::windowStartMillis)
        .collect(Collectors.toList());
    assertThat(elsewhere, is(List.of()));
  }

  @Test
  void withoutInjectionsTheTopBrandsStayWithinTheFalseAlertBudget() {
    List<WindowRow<String, Anomaly>> opened = new ArrayList<>();
    for (String brand : top) {
      for (WindowRow<String, Anomaly> alert : DetectAnomalies.judgeSeries(detector, brand, generated.rows(brand))) {
        if (alert.value().status() == AlertStatus.OPENED) {
          opened.add(alert);
        }
      }
    }
    double brandWeeks = TOP * (DAYS - AnomalyThresholds.defaults().minBaselineDays()) / 7.0;
    System.out.printf("False alerts among the top %d brands: %d over %.1f brand-weeks = %.3f per brand-week%n", TOP,
        opened.size(), brandWeeks, opened.size() / brandWeeks);
    opened.forEach(a -> System.out.println("  " + LogAnomaliesFn.line(a)));
    assertThat(opened.size() / brandWeeks, lessThanOrEqualTo(AnomalyThresholds.defaults().falseAlertsPerBrandWeek()));
  }

  @Test
  void theAlertSaysWhatIsMissingSinceWhen() {
    WindowRow<String, Anomaly> first = withOutage.stream()
        .filter(a -> a.value().metric().equals("purchases")).findFirst().orElseThrow();
    assertThat(first.value().describe().contains("purchases missing since " + OUTAGE_HOUR + ":00:00Z"), is(true));
    assertThat(List.of(first.value().direction()), contains(Anomaly.DROP));
  }
}
