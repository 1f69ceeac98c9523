package io.funnelpulse.bench;

import io.funnelpulse.generate.AnomalyInjection;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.LogAnomaliesFn;
import io.funnelpulse.model.AlertStatus;
import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.anomaly.AnomalyDetector;
import io.funnelpulse.transforms.anomaly.AnomalyThresholds;
import io.funnelpulse.transforms.anomaly.DetectAnomalies;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Measures the anomaly alerts on generated data with the bounded job's own detection
 * ({@link DetectAnomalies#judgeSeries} over the hourly brand funnel, as its {@code JudgeSeries} step
 * runs it): false alerts per brand-week among the busiest brands without injections, per seed and
 * volume, and the recall over a matrix of injected anomalies ({@link InjectionMatrix}), by event type,
 * factor, duration and how many events of that type an hour the brand usually has. Seeds run in
 * parallel.
 *
 * <pre>
 * java -cp ... io.funnelpulse.bench.AlertBenchmark --seeds=1,2,3 --monthlyVolumes=50000,500000,4000000
 * </pre>
 */
public final class AlertBenchmark {
  /** Bounds (events of the injected type an hour, without the anomaly) of the recall table's columns. */
  static final double[] USUAL_BOUNDS = {2, 5, 20, 50, 200};

  private final AlertBenchmarkOptions options;
  private final AnomalyDetector detector;
  private final PrintStream out;

  private AlertBenchmark(AlertBenchmarkOptions options, PrintStream out) {
    this.options = options;
    this.detector = new AnomalyDetector(
        AnomalyThresholds.defaults().withFalseAlertsPerBrandWeek(options.getFalseAlertsPerBrandWeek()));
    this.out = out;
  }

  public static void main(String[] args) {
    AlertBenchmarkOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(AlertBenchmarkOptions.class);
    new AlertBenchmark(options, System.out).run();
  }

  void run() {
    long started = System.nanoTime();
    out.println("BENCH detector " + detector.thresholds());
    List<Long> seeds = longs(options.getSeeds());
    List<Long> matrixVolumes = longs(options.getMatrixMonthlyVolumes());
    Map<String, HourlyBrandFunnel> matrixNull = new ConcurrentHashMap<>();
    out.println("BENCH false alerts among the top " + options.getTopBrands() + " brands (OPENED alerts, no injections)");
    out.println("BENCH   seed     events/30d   alerts   brand-weeks   per brand-week");
    int totalAlerts = 0;
    double totalWeeks = 0;
    for (long volume : longs(options.getMonthlyVolumes())) {
      List<List<WindowRow<String, Anomaly>>> perSeed = seeds.parallelStream().map(seed -> {
        HourlyBrandFunnel funnel = HourlyBrandFunnel.of(generator(volume, seed));
        if (matrixVolumes.contains(volume)) {
          matrixNull.put(volume + "/" + seed, funnel);
        }
        return falseAlerts(funnel);
      }).collect(Collectors.toList());
      for (int i = 0; i < seeds.size(); i++) {
        List<WindowRow<String, Anomaly>> opened = perSeed.get(i);
        double weeks = options.getTopBrands() * (options.getDays() - detector.thresholds().minBaselineDays()) / 7.0;
        out.printf(Locale.ROOT, "BENCH   %4d %14d %8d %13.1f %16.3f%n", seeds.get(i), volume, opened.size(), weeks,
            opened.size() / weeks);
        if (options.getPrintFalseAlerts()) {
          opened.forEach(a -> out.println("BENCH     " + LogAnomaliesFn.line(a)));
        }
        totalAlerts += opened.size();
        totalWeeks += weeks;
      }
    }
    out.printf(Locale.ROOT, "BENCH   all: %d false alerts over %.1f brand-weeks = %.3f per brand-week%n", totalAlerts,
        totalWeeks, totalAlerts / totalWeeks);
    if (!matrixVolumes.isEmpty()) {
      recall(seeds, matrixVolumes, matrixNull);
    }
    out.printf(Locale.ROOT, "BENCH done in %.0f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** The OPENED alerts of the busiest brands of {@code funnel}. */
  private List<WindowRow<String, Anomaly>> falseAlerts(HourlyBrandFunnel funnel) {
    List<String> ranked = funnel.brandsByViews();
    List<WindowRow<String, Anomaly>> opened = new ArrayList<>();
    for (String brand : ranked.subList(0, Math.min(options.getTopBrands(), ranked.size()))) {
      opened.addAll(opened(DetectAnomalies.judgeSeries(detector, brand, funnel.rows(brand))));
    }
    return opened;
  }

  private void recall(List<Long> seeds, List<Long> volumes, Map<String, HourlyBrandFunnel> nulls) {
    Map<String, int[]> cells = new TreeMap<>();
    for (long volume : volumes) {
      List<Map<String, int[]>> perSeed = seeds.parallelStream()
          .map(seed -> judgeMatrix(volume, seed, nulls.remove(volume + "/" + seed)))
          .collect(Collectors.toList());
      for (Map<String, int[]> ofSeed : perSeed) {
        ofSeed.forEach((key, cell) -> {
          int[] sum = cells.computeIfAbsent(key, k -> new int[2]);
          sum[0] += cell[0];
          sum[1] += cell[1];
        });
      }
    }
    printRecall(cells, seeds.size(), volumes);
  }

  /** Injects the matrix into one data set, judges the brands hit and counts what was caught per cell. */
  private Map<String, int[]> judgeMatrix(long volume, long seed, HourlyBrandFunnel generated) {
    Map<String, int[]> cells = new TreeMap<>();
    GeneratorOptions generator = generator(volume, seed);
    HourlyBrandFunnel without = generated != null ? generated : HourlyBrandFunnel.of(generator);
    List<AnomalyInjection> injections = InjectionMatrix.injections(without.brandsByViews(), generator.start());
    HourlyBrandFunnel with = HourlyBrandFunnel.of(generator.withInjections(injections));
    Map<String, List<WindowRow<String, Anomaly>>> alerts = new TreeMap<>();
    for (AnomalyInjection injection : injections) {
      List<WindowRow<String, Anomaly>> ofBrand = alerts.computeIfAbsent(injection.brand(),
          b -> DetectAnomalies.judgeSeries(detector, b, with.rows(b)));
      String key = cellKey(injection, InjectionMatrix.usualPerHour(injection, without));
      int[] cell = cells.computeIfAbsent(key, k -> new int[2]);
      cell[0] += caught(injection, ofBrand) ? 1 : 0;
      cell[1]++;
    }
    return cells;
  }

  /** Whether an alert of a metric that the injection's event type drives covers one of its windows. */
  static boolean caught(AnomalyInjection injection, List<WindowRow<String, Anomaly>> alerts) {
    long start = injection.startSecond() * 1000;
    long end = start + injection.hours() * HourlyBrandFunnel.HOUR_MILLIS;
    List<String> metrics = InjectionMatrix.catchingMetrics(injection.metric());
    return alerts.stream().anyMatch(a -> !a.value().provisional() && a.value().status() != AlertStatus.CLOSED
        && a.windowStartMillis() >= start && a.windowStartMillis() < end && metrics.contains(a.value().metric()));
  }

  private static String cellKey(AnomalyInjection injection, double usual) {
    int bucket = 0;
    while (bucket < USUAL_BOUNDS.length && usual >= USUAL_BOUNDS[bucket]) {
      bucket++;
    }
    return String.format(Locale.ROOT, "%-9s|%3.1f|%d|%d", injection.metric(), injection.factor(), injection.hours(),
        bucket);
  }

  private void printRecall(Map<String, int[]> cells, int seeds, List<Long> volumes) {
    out.printf(Locale.ROOT, "BENCH recall over injected anomalies (%d seeds, each at %s events/30d): caught/injected "
        + "by the usual events of that type an hour at the brand and hours hit%n", seeds, volumes);
    StringBuilder header = new StringBuilder("BENCH   type      factor hours");
    String[] labels = {"<2", "2-5", "5-20", "20-50", "50-200", ">=200"};
    for (String label : labels) {
      header.append(String.format(Locale.ROOT, " %9s", label));
    }
    out.println(header);
    Map<String, Map<Integer, int[]>> rows = new TreeMap<>();
    for (Map.Entry<String, int[]> cell : cells.entrySet()) {
      String[] parts = cell.getKey().split("\\|");
      rows.computeIfAbsent(parts[0] + "|" + parts[1] + "|" + parts[2], k -> new TreeMap<>())
          .put(Integer.parseInt(parts[3]), cell.getValue());
    }
    for (Map.Entry<String, Map<Integer, int[]>> row : rows.entrySet()) {
      String[] parts = row.getKey().split("\\|");
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "BENCH   %s %6s %5s", parts[0], parts[1],
          parts[2]));
      for (int bucket = 0; bucket < labels.length; bucket++) {
        int[] cell = row.getValue().get(bucket);
        line.append(String.format(Locale.ROOT, " %9s", cell == null ? "-" : cell[0] + "/" + cell[1]));
      }
      out.println(line);
    }
  }

  private GeneratorOptions generator(long monthlyVolume, long seed) {
    return GeneratorOptions.defaults().withEvents(monthlyVolume * options.getDays() / 30).withDays(options.getDays())
        .withSeed(seed);
  }

  private static List<WindowRow<String, Anomaly>> opened(List<WindowRow<String, Anomaly>> alerts) {
    return alerts.stream().filter(a -> a.value().status() == AlertStatus.OPENED && !a.value().provisional())
        .collect(Collectors.toList());
  }

  private static List<Long> longs(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong)
        .collect(Collectors.toList());
  }
}
