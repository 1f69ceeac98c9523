package io.funnelpulse.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.bench.HourlyBrandFunnel;
import io.funnelpulse.cli.RunCommand;
import io.funnelpulse.deploy.ChildJvm;
import io.funnelpulse.generate.AnomalyInjection;
import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.FunnelTableReader;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.pipelines.WithoutSessionTables;
import io.funnelpulse.sql.ClickstreamSql;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in a real browser (headless Chromium, see {@link HeadlessChromium}): the embedded
 * default run's report (and of six hours of it), a stream's report written on its clean stop, a run's
 * with anomalies (the windows of an alert marked on their metric's chart, each alert listed once in a
 * table), and the report of a run whose tables are empty. Each page loads without a console error, draws every chart it should (an SVG with
 * shapes), shows the headline numbers of the run summary, and one chart holds exactly the final view's
 * numbers; a screenshot of each is saved under {@code target/report-screenshots/}.
 */
@Tag("slow")
class ReportInBrowserTest {
  private static final Path SCREENSHOTS = ChildJvm.projectRoot().resolve("pipelines/target/report-screenshots");
  private static final List<String> EVERY_CHART = List.of("chart-funnel", "chart-views-by-key", "chart-carts-by-key",
      "chart-purchases-by-key", "chart-rates", "chart-revenue", "chart-visitors", "chart-dead-by-reason",
      "chart-dead-by-source", "chart-top-products", "chart-session-funnel");

  @TempDir Path dir;

  @BeforeEach
  void needsChromium() {
    HeadlessChromium.assumePresent();
  }

  /** Runs {@code run} with {@code args} as the command line does; returns what it printed. */
  private static String run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RunCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed + err.toString(StandardCharsets.UTF_8), code, is(0));
    return printed;
  }

  /** "id:shapes" of every chart on the page: its id and how many SVG shapes it drew. */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> drawnCharts(HeadlessChromium browser) {
    Map<String, Long> charts = new TreeMap<>();
    for (Object entry : (List<Object>) browser.script("return Array.from(document.querySelectorAll('.chart'))"
        + ".map(c => [c.id, c.querySelectorAll('svg path, svg rect, svg polyline').length]);")) {
      List<Object> pair = (List<Object>) entry;
      charts.put((String) pair.get(0), ((Number) pair.get(1)).longValue());
    }
    return charts;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> headline(HeadlessChromium browser) {
    Map<String, String> cards = new TreeMap<>();
    for (Object entry : (List<Object>) browser.script("return Array.from(document.querySelectorAll('#headline .card'))"
        + ".map(c => [c.dataset.name, c.querySelector('.value').textContent]);")) {
      List<Object> pair = (List<Object>) entry;
      cards.put((String) pair.get(0), (String) pair.get(1));
    }
    return cards;
  }

  /** The summary's counts and the final view's windows and revenue, as the page formats them. */
  private static Map<String, String> expectedHeadline(Path output, List<FunnelRow> finalView) throws Exception {
    JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    NumberFormat counts = NumberFormat.getIntegerInstance(Locale.US);
    NumberFormat money = NumberFormat.getNumberInstance(Locale.US);
    money.setMinimumFractionDigits(2);
    money.setMaximumFractionDigits(2);
    long revenueCents = finalView.stream().mapToLong(r -> r.counts().revenueCents()).sum();
    return Map.of(
        "records_read", counts.format(summary.get("records_read").asLong()),
        "valid", counts.format(summary.get("valid").asLong()),
        "quarantined", counts.format(summary.get("quarantined").asLong()),
        "windows", counts.format(finalView.stream().map(FunnelRow::windowStartMillis).distinct().count()),
        "revenue", money.format(BigDecimal.valueOf(revenueCents, 2)));
  }

  /** [window start, views] of every window of the final view, all brands together. */
  private static List<List<Long>> viewsPerWindow(List<FunnelRow> finalView) {
    Map<Long, Long> views = new TreeMap<>();
    finalView.forEach(r -> views.merge(r.windowStartMillis(), r.counts().views(), Long::sum));
    List<List<Long>> points = new ArrayList<>();
    views.forEach((t, v) -> points.add(List.of(t, v)));
    return points;
  }

  @SuppressWarnings("unchecked")
  private static List<List<Long>> chartSeries(HeadlessChromium browser, String chart, int series) {
    List<List<Long>> points = new ArrayList<>();
    for (Object point : (List<Object>) browser.script("return echarts.getInstanceByDom(document.getElementById("
        + "arguments[0])).getOption().series[arguments[1]].data;", chart, series)) {
      List<Long> p = new ArrayList<>();
      ((List<Object>) point).forEach(v -> p.add(((Number) v).longValue()));
      points.add(p);
    }
    return points;
  }

  /** Opens the report of {@code output}, checks what every report must hold, and saves a screenshot. */
  private HeadlessChromium openAndCheck(Path output, String screenshot) throws Exception {
    Path page = output.resolve(ReportCommand.FILE_NAME);
    assertThat(page + " written", Files.isRegularFile(page), is(true));
    assertThat("self-contained: no external script or style", Files.readString(page),
        org.hamcrest.Matchers.not(containsString("src=\"http")));
    HeadlessChromium browser = HeadlessChromium.start(dir.resolve("browser-profile-" + screenshot));
    try {
      browser.open(page);
      assertThat(browser.consoleErrors(), is(empty()));
      browser.screenshot(SCREENSHOTS.resolve(screenshot + ".png"));
      return browser;
    } catch (Exception | AssertionError e) {
      browser.close();
      throw e;
    }
  }

  @Test
  @Timeout(300)
  void theEmbeddedDefaultRunWritesAReportWhoseChartsHoldTheFinalViews() throws Exception {
    Path output = dir.resolve("out");
    String printed = run("--output=" + output, "--sampleEvents=5000", "--sampleDays=1");
    assertThat(printed, containsString("report            " + output.resolve(ReportCommand.FILE_NAME).toAbsolutePath()));

    List<FunnelRow> finalView = FunnelTableReader.of(output, FunnelDimension.BRAND).finalView();
    JsonNode summary = new ObjectMapper().readTree(output.resolve(RunSummary.FILE_NAME).toFile());
    try (HeadlessChromium browser = openAndCheck(output, "default-run")) {
      Map<String, Long> charts = drawnCharts(browser);
      List<String> expected = new ArrayList<>(EVERY_CHART);
      if (summary.get("quarantined").asLong() == 0) {
        expected.removeAll(List.of("chart-dead-by-reason", "chart-dead-by-source"));
      }
      assertThat(charts.keySet(), containsInAnyOrder(expected.toArray()));
      assertThat(charts.toString(), charts.values(), everyItem(greaterThan(0L)));
      assertThat(headline(browser), is(expectedHeadline(output, finalView)));
      assertThat(chartSeries(browser, "chart-funnel", 0), is(viewsPerWindow(finalView)));
      // Five brands, one line each, on each per-brand chart.
      assertThat(seriesCount(browser, "chart-views-by-key"), is(5));
    }

    // The same output, six hours of it, three brands.
    long from = Instant.parse("2019-10-01T06:00:00Z").toEpochMilli();
    long to = Instant.parse("2019-10-01T12:00:00Z").toEpochMilli();
    assertThat(ReportCommand.run(new String[] {"--output=" + output, "--brands=3", "--from=2019-10-01T06:00:00Z",
        "--to=2019-10-01T12:00:00Z"}, System.out, System.err), is(0));
    List<FunnelRow> inRange = finalView.stream()
        .filter(r -> r.windowStartMillis() >= from && r.windowStartMillis() < to).collect(Collectors.toList());
    try (HeadlessChromium browser = openAndCheck(output, "default-run-six-hours")) {
      assertThat(headline(browser).get("windows"), is("6"));
      assertThat(headline(browser).get("revenue"), is(expectedHeadline(output, inRange).get("revenue")));
      assertThat(chartSeries(browser, "chart-funnel", 0), is(viewsPerWindow(inRange)));
      assertThat(seriesCount(browser, "chart-views-by-key"), is(3));
    }
  }

  private static int seriesCount(HeadlessChromium browser, String chart) {
    return ((Number) browser.script("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
        + ".getOption().series.length;", chart)).intValue();
  }

  @Test
  @Timeout(300)
  void aStreamWritesItsReportWhenItStopsCleanly() throws Exception {
    Path landing = dir.resolve("landing");
    Path sample = dir.resolve("sample");
    run("--output=" + sample, "--sampleEvents=3000", "--sampleDays=1", "--report=false");
    Files.createDirectories(landing);
    Files.copy(sample.resolve(RunCommand.SAMPLE_INPUT_DIR).resolve("events-00000.csv"), landing.resolve("events-00000.csv"));
    Files.createFile(landing.resolve(WatchedDirectorySource.END_MARKER));
    Path output = dir.resolve("stream-out");
    String printed = run("--source=WATCH", "--input=" + landing, "--output=" + output, "--report=true");
    assertThat(printed, containsString("report            " + output.resolve(ReportCommand.FILE_NAME).toAbsolutePath()));

    List<FunnelRow> finalView = FunnelTableReader.of(output, FunnelDimension.BRAND).finalView();
    try (HeadlessChromium browser = openAndCheck(output, "streamed-run")) {
      assertThat((String) browser.script("return document.getElementById('subtitle').textContent;"),
          containsString("(streaming)"));
      assertThat(drawnCharts(browser).keySet(), hasItems("chart-funnel", "chart-rates", "chart-visitors",
          "chart-session-funnel"));
      assertThat(drawnCharts(browser).values(), everyItem(greaterThan(0L)));
      assertThat(headline(browser), is(expectedHeadline(output, finalView)));
      assertThat(chartSeries(browser, "chart-funnel", 0), is(viewsPerWindow(finalView)));
    }
  }

  @Test
  @Timeout(300)
  void anomaliesAreMarkedOnTheChartOfTheirMetricAndListedInATable() throws Exception {
    GeneratorOptions days = GeneratorOptions.defaults().withEvents(30_000).withDays(4).withFiles(1).withSeed(9L);
    String brand = HourlyBrandFunnel.of(days.withEvents(10_000)).brandsByViews().get(0);
    Path input = dir.resolve("generated");
    EventGenerator.of(days.withInjections(List.of(AnomalyInjection.parse(brand + ":views:2019-10-04T17:2:5"))))
        .writeTo(input);
    Path output = dir.resolve("anomalies-out");
    List<String> args = new ArrayList<>(List.of("--input=" + input + "/*.csv", "--output=" + output, "--report=true",
        "--clickstreamTables=false", "--anomalyBaselineDays=3", "--anomalyMinBaselineDays=3"));
    args.addAll(WithoutSessionTables.ARGS);
    run(args.toArray(new String[0]));

    List<String> alerts = new ArrayList<>();
    List<String> viewAlerts = new ArrayList<>();
    try (DuckDbSession db = DuckDbSession.open()) {
      for (List<Object> r : db.query("SELECT epoch_ms(window_start), brand, metric, observed, direction, status, "
          + "epoch_ms(started_at) FROM (" + ClickstreamSql.finalView(output.toString(), TableNames.ANOMALIES,
              "brand, metric, direction") + ") ORDER BY 1, 2, 3")) {
        String alert = r.get(1) + " " + r.get(2) + " " + r.get(4) + " " + r.get(6);
        if (!alerts.contains(alert)) {
          alerts.add(alert);
        }
        if (r.get(2).equals("views") && !r.get(5).equals("CLOSED")) {
          viewAlerts.add(r.get(1) + "@" + r.get(0) + "=" + ((Number) r.get(3)).longValue());
        }
      }
    }
    assertThat("the spike was detected", viewAlerts.stream().anyMatch(a -> a.startsWith(brand + "@")), is(true));
    try (HeadlessChromium browser = openAndCheck(output, "anomalies")) {
      assertThat(((Number) browser.script("return document.querySelectorAll('#anomaly-table tr').length - 1;"))
          .intValue(), is(alerts.size()));
      @SuppressWarnings("unchecked")
      List<String> marks = (List<String>) browser.script("return echarts.getInstanceByDom(document.getElementById("
          + "'chart-views-by-key')).getOption().series.flatMap(s => ((s.markPoint || {}).data || [])"
          + ".map(m => s.name + '@' + m.coord[0] + '=' + m.coord[1]));");
      assertThat(marks, containsInAnyOrder(viewAlerts.toArray()));
    }
  }

  @Test
  @Timeout(300)
  void aRunWhoseTablesAreEmptyGetsAPageThatSaysWhatIsEmpty() throws Exception {
    Path input = Files.createDirectories(dir.resolve("bad-input"));
    Files.writeString(input.resolve("events.csv"),
        "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n"
            + "not a time,view,1,2,,acme,1.00,7,s1\n"
            + "2019-10-01 10:00:00 UTC,teleport,1,2,,acme,1.00,7,s1\n");
    Path output = dir.resolve("empty-out");
    run("--input=" + input + "/*.csv", "--output=" + output, "--report=true");

    try (HeadlessChromium browser = openAndCheck(output, "empty-tables")) {
      @SuppressWarnings("unchecked")
      List<String> emptyNotes = (List<String>) browser.script(
          "return Array.from(document.querySelectorAll('.empty')).map(e => e.dataset.empty);");
      assertThat(emptyNotes, hasItems("funnel", "anomalies", "visitors_hourly", "top_products_hourly",
          "session_funnel_hourly_brand"));
      assertThat((String) browser.script("return document.getElementById('funnel').textContent;"),
          containsString("Nothing to show: no funnel rows"));
      assertThat(drawnCharts(browser).keySet(), containsInAnyOrder("chart-dead-by-reason", "chart-dead-by-source"));
      assertThat(headline(browser).get("quarantined"), is("2"));
      assertThat(headline(browser).get("valid"), is("0"));
    }
  }
}
