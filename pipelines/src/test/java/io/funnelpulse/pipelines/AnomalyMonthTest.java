package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.funnelpulse.bench.HourlyBrandFunnel;
import io.funnelpulse.generate.AnomalyInjection;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.anomaly.AnomalyDetector;
import io.funnelpulse.transforms.anomaly.AnomalyThresholds;
import io.funnelpulse.transforms.anomaly.DetectAnomalies;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A generated month (4,000,000 events, the size of a real REES46 month) with anomalies injected into
 * busy brands at busy hours (above the default minimum volumes: a brand's hour is judged from 100
 * expected views, its purchases and rates from 10 expected purchases), a purchase collapse at night and a spike of a small brand; the hourly
 * brand funnel is computed once and the default detector run over every brand: every injected
 * daytime anomaly is found, false alerts stay under 1 per brand-week for the top 20 brands, the night
 * hour and the small brand stay quiet. Prints precision and recall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyMonthTest {
  private static final long EVENTS = 4_000_000;
  private static final int DAYS = 30;
  private static final long SEED = 21L;
  private static final int TOP = 20;

  private List<String> top;
  private String smallBrand;
  private List<AnomalyInjection> daytime;
  private AnomalyInjection night;
  private AnomalyInjection small;
  private HourlyBrandFunnel funnel;
  private final Map<String, List<WindowRow<String, Anomaly>>> alerts = new HashMap<>();

  @BeforeAll
  @Timeout(120)
  void generateAndDetect() {
    GeneratorOptions month = GeneratorOptions.defaults().withEvents(EVENTS).withDays(DAYS).withSeed(SEED);
    // The brands' popularity depends on the seed only: a small sample ranks them.
    List<String> ranked = HourlyBrandFunnel.of(month.withEvents(100_000)).brandsByViews();
    top = ranked.subList(0, TOP);
    smallBrand = ranked.get(120);
    daytime = List.of(
        inject(top.get(0), "purchases", "2019-10-09T17", 3, 0),
        inject(top.get(1), "views", "2019-10-12T14", 2, 5),
        inject(top.get(2), "carts", "2019-10-15T18", 3, 0),
        inject(top.get(0), "views", "2019-10-19T20", 2, 0.2),
        inject(top.get(0), "purchases", "2019-10-23T19", 2, 4),
        inject(top.get(3), "views", "2019-10-27T18", 1, 6));
    night = inject(top.get(0), "purchases", "2019-10-17T03", 2, 0);
    small = inject(smallBrand, "views", "2019-10-20T19", 3, 5);
    List<AnomalyInjection> all = new ArrayList<>(daytime);
    all.add(night);
    all.add(small);
    long started = System.nanoTime();
    funnel = HourlyBrandFunnel.of(month.withInjections(all));
    AnomalyDetector detector = new AnomalyDetector(AnomalyThresholds.defaults());
    for (String brand : funnel.brands()) {
      alerts.put(brand, DetectAnomalies.judgeSeries(detector, brand, funnel.rows(brand)));
    }
    System.out.printf("Month of %,d events: funnel and detection over %d brands in %.1f s%n",
        EVENTS, funnel.brands().size(), (System.nanoTime() - started) / 1e9);
  }

  private static AnomalyInjection inject(String brand, String metric, String hour, int hours, double factor) {
    return AnomalyInjection.parse(brand + ":" + metric + ":" + hour + ":" + hours + ":" + factor);
  }

  private static boolean inside(WindowRow<String, Anomaly> alert, AnomalyInjection injection) {
    long start = injection.startSecond() * 1000;
    return alert.key().equals(injection.brand())
        && alert.windowStartMillis() >= start
        && alert.windowStartMillis() < start + injection.hours() * HourlyBrandFunnel.HOUR_MILLIS;
  }

  private List<WindowRow<String, Anomaly>> allAlerts() {
    return alerts.values().stream().flatMap(List::stream).collect(Collectors.toList());
  }

  @Test
  void everyInjectedAnomalyIsFoundAndFalseAlertsStayUnderOnePerBrandWeek() {
    List<WindowRow<String, Anomaly>> every = allAlerts();
    List<AnomalyInjection> missed = new ArrayList<>();
    for (AnomalyInjection injection : daytime) {
      if (every.stream().noneMatch(a -> inside(a, injection))) {
        missed.add(injection);
      }
    }
    long trueAlerts = every.stream().filter(a -> daytime.stream().anyMatch(i -> inside(a, i))).count();
    List<WindowRow<String, Anomaly>> falseTop = every.stream()
        .filter(a -> top.contains(a.key()) && daytime.stream().noneMatch(i -> inside(a, i)))
        .collect(Collectors.toList());
    double brandWeeks = TOP * DAYS / 7.0;
    double recall = (daytime.size() - missed.size()) / (double) daytime.size();
    double precision = every.isEmpty() ? 1 : trueAlerts / (double) every.size();
    System.out.printf(
        "Anomalies: %d alerts, %d inside injected anomalies; recall %.0f%% (%d/%d injected), "
            + "precision %.1f%%; false alerts among the top %d brands %d = %.3f per brand-week%n",
        every.size(), trueAlerts, 100 * recall, daytime.size() - missed.size(), daytime.size(), 100 * precision,
        TOP, falseTop.size(), falseTop.size() / brandWeeks);
    every.stream().filter(a -> daytime.stream().noneMatch(i -> inside(a, i)))
        .forEach(a -> System.out.println("  not injected: " + io.funnelpulse.io.LogAnomaliesFn.line(a)));
    assertThat(missed, is(empty()));
    assertThat(falseTop.size() / brandWeeks, lessThan(1.0));
  }

  @Test
  void aQuietNightHourOfTheBusiestBrandDoesNotAlert() {
    assertThat(allAlerts().stream().filter(a -> inside(a, night)).collect(Collectors.toList()), is(empty()));
    List<WindowRow<String, Anomaly>> atNight = alerts.get(top.get(0)).stream()
        .filter(a -> Instant.ofEpochMilli(a.windowStartMillis()).atZone(ZoneOffset.UTC).getHour() < 6
            && Instant.ofEpochMilli(a.windowStartMillis()).atZone(ZoneOffset.UTC).getHour() >= 2)
        .collect(Collectors.toList());
    assertThat(atNight, is(empty()));
  }

  @Test
  void aSmallBrandBelowTheVolumeThresholdNeverAlerts() {
    assertThat(funnel.totalViews(smallBrand) / (DAYS * 24.0), lessThan(100.0));
    assertThat(alerts.getOrDefault(smallBrand, List.of()), is(empty()));
  }
}
