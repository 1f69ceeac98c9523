package io.funnelpulse.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.model.CanonicalHll;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.sql.ClickstreamSql;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import io.funnelpulse.sql.SessionSql;
import io.funnelpulse.sql.SqlTemplate;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native Spark SQL job over one generated input (out-of-order rows, malformed lines, zero and
 * negative prices), with {@code --tables=funnel} and {@code --tables=default}: each table it writes
 * equals DuckDB's reference over the same CSV files row by row (the shipped {@code src/sql/}), the
 * visitor estimates lie within the HLL error bound, and every line is a clean event or a dead letter.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeSparkSqlJobTest {
  private static final int HOUR_MINUTES = 60;

  @TempDir static Path dir;
  private String inputGlob;
  private GenerationReport generated;
  private Map<String, Long> funnelOnly;
  private Map<String, Long> defaults;
  private String printed;

  @BeforeAll
  @Timeout(600)
  void runBothTableSets() throws Exception {
    System.setProperty("spark.ui.enabled", "false");
    generated = EventGenerator.of(GeneratorOptions.defaults()
            .withEvents(20_000)
            .withDays(2)
            .withFiles(2)
            .withSeed(11L)
            .withOutOfOrderFraction(0.05)
            .withMalformedFraction(0.01))
        .writeTo(dir.resolve("input"));
    inputGlob = dir.resolve("input") + "/*.csv";
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    funnelOnly = NativeSparkSqlJob.run(arguments("funnel"), out);
    defaults = NativeSparkSqlJob.run(arguments("default"), out);
    printed = text.toString(StandardCharsets.UTF_8);
  }

  private NativeJobArguments arguments(String tables) {
    return NativeJobArguments.parse(new String[] {
      "--input=" + inputGlob, "--output=" + dir.resolve(tables), "--tables=" + tables, "--master=local[2]"});
  }

  private String table(String tables, String table) {
    return "read_parquet('" + dir.resolve(tables).resolve(table) + "/**/*.parquet', hive_partitioning = false)";
  }

  @Test
  void writesTheTablesOfEachSetAndPrintsTheirRowsAndWallTime() {
    assertThat(funnelOnly.keySet(), contains(TableNames.funnel("brand")));
    assertThat(defaults.keySet(), contains(TableNames.DEAD_LETTER, TableNames.funnel("brand"), TableNames.PAGE_VIEWS,
        TableNames.VISITORS, TableNames.VISITORS_BY_BRAND, TableNames.SESSIONS, TableNames.TOP_PRODUCTS,
        TableNames.SESSION_FUNNEL_HOURLY_BRAND, TableNames.CONVERSION_SLIDING_BRAND));
    assertThat(defaults.values(), everyItem(greaterThan(0L)));
    assertThat(printed.lines().filter(l -> l.matches("NATIVE .*rows in \\d+ tables, wall [0-9.]+ s")).count(), is(2L));
  }

  @Test
  void brandFunnelEqualsDuckDbReferenceRowByRow() throws SQLException {
    String reference = FunnelSql.reference(inputGlob, HOUR_MINUTES, FunnelDimension.BRAND);
    for (String tables : List.of("funnel", "default")) {
      String actual = "SELECT epoch_ms(window_start) AS window_start_ms, brand AS key, views, carts, removes, purchases, "
          + "CAST(revenue AS DECIMAL(18, 2)) AS revenue, view_to_cart_rate, cart_to_purchase_rate, conversion_rate "
          + "FROM " + table(tables, TableNames.funnel("brand"));
      assertSameRows(reference, actual, 1000);
      assertThat(scalar("SELECT count(*) FROM " + table(tables, TableNames.funnel("brand"))
          + " WHERE epoch_ms(window_end) - epoch_ms(window_start) <> 3600000"), is(0L));
    }
  }

  @Test
  void sessionsAndHourlySessionFunnelEqualDuckDbReferenceRowByRow() throws SQLException {
    String sessions = SessionSql.sessionsReference(inputGlob, HOUR_MINUTES, NativeTableSql.SESSION_GAP_MINUTES);
    assertSameRows(sessions, "SELECT session_key, epoch_ms(window_start) AS session_start_ms, "
        + "epoch_ms(session_end) AS session_end_ms, events, user_id, brand, viewed, carted, purchased, "
        + "purchased_without_cart, purchases, CAST(revenue * 100 AS BIGINT) AS revenue_cents "
        + "FROM " + table("default", TableNames.SESSIONS), 5000);
    assertSameRows(SessionSql.sessionFunnel(sessions, HOUR_MINUTES), "SELECT epoch_ms(window_start) AS window_start_ms, "
        + "brand, sessions, viewed, carted, purchased, purchased_without_cart, CAST(revenue * 100 AS BIGINT) AS revenue_cents, "
        + "view_to_cart_rate, cart_to_purchase_rate, view_to_purchase_rate "
        + "FROM " + table("default", TableNames.SESSION_FUNNEL_HOURLY_BRAND), 1000);
  }

  @Test
  void pageViewsAndTopProductsEqualDuckDbReferenceRowByRow() throws SQLException {
    String pageViews = ClickstreamSql.pageViewsReference(inputGlob, HOUR_MINUTES);
    assertSameRows(pageViews, "SELECT epoch_ms(window_start) AS window_start_ms, product_id, views FROM "
        + table("default", TableNames.PAGE_VIEWS), 5000);
    assertSameRows(ClickstreamSql.topProducts(pageViews, NativeTableSql.TOP_N),
        "SELECT epoch_ms(window_start) AS window_start_ms, rank, product_id, views FROM "
            + table("default", TableNames.TOP_PRODUCTS), 48 * NativeTableSql.TOP_N - 1);
  }

  @Test
  void slidingBrandFunnelEqualsDuckDbReferenceRowByRow() throws SQLException {
    String sliding = SqlTemplate.load("sliding_reference").with(Map.of(
        "reference", FunnelSql.reference(inputGlob, HOUR_MINUTES, FunnelDimension.BRAND),
        "size_seconds", String.valueOf(24 * 3600), "period_seconds", "3600"));
    assertSameRows(sliding, "SELECT epoch_ms(window_start) AS window_start_ms, brand AS key, views, carts, removes, "
        + "purchases, revenue, view_to_cart_rate, cart_to_purchase_rate, conversion_rate FROM "
        + table("default", TableNames.CONVERSION_SLIDING_BRAND), 5000);
  }

  @Test
  void visitorEstimatesLieWithinTheErrorBoundOfExactCounts() throws SQLException {
    String compared = SqlTemplate.load("visitors_vs_exact").with(Map.of(
        "clean", ClickstreamSql.cleanEvents(inputGlob, HOUR_MINUTES),
        "visitors", "SELECT * FROM " + table("default", TableNames.VISITORS),
        "rse", String.valueOf(CanonicalHll.relativeStandardError(NativeTableSql.HLL_LG_K))));
    try (DuckDbSession duckDb = DuckDbSession.open()) {
      List<List<Object>> rows = duckDb.query(compared);
      assertThat(rows.size(), is(48));
      assertThat(rows.stream().map(r -> r.get(7)).collect(Collectors.toList()), everyItem(is(true)));
    }
    assertThat(scalar("SELECT count(*) FROM " + table("default", TableNames.VISITORS_BY_BRAND)),
        is(defaults.get(TableNames.funnel("brand"))));
  }

  @Test
  void everyLineIsACleanEventOrADeadLetterWithAReason() throws SQLException {
    long clean = scalar("SELECT sum(views + carts + removes + purchases) FROM " + table("default", TableNames.funnel("brand")));
    long dead = scalar("SELECT count(*) FROM " + table("default", TableNames.DEAD_LETTER));
    assertThat(clean + dead, is(generated.validEvents() + generated.malformedLines()));
    assertThat(dead, greaterThanOrEqualTo(generated.malformedLines()));
    assertThat(scalar("SELECT count(*) FROM " + table("default", TableNames.DEAD_LETTER) + " WHERE reason = 'malformed_line'"),
        is(generated.malformedByKind().getOrDefault("wrong_column_count", 0L)));
    try (DuckDbSession duckDb = DuckDbSession.open()) {
      List<Object> reasons = duckDb.query("SELECT DISTINCT reason FROM " + table("default", TableNames.DEAD_LETTER)
              + " WHERE raw IS NOT NULL AND source LIKE '%.csv' AND message IS NOT NULL")
          .stream().map(r -> r.get(0)).collect(Collectors.toList());
      assertThat(reasons.size(), greaterThan(4));
      assertThat(reasons, everyItem(is(oneOf(Arrays.stream(FailureReason.values()).map(FailureReason::code).toArray()))));
    }
  }

  /** The rows of {@code expected} and {@code actual} are the same multiset, of more than {@code atLeast} rows. */
  private static void assertSameRows(String expected, String actual, long atLeast) throws SQLException {
    String differences = "WITH expected AS (" + expected + "), actual AS (" + actual + ") "
        + "SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM actual) "
        + "UNION ALL SELECT 'extra' AS side, * FROM (SELECT * FROM actual EXCEPT ALL SELECT * FROM expected) "
        + "ORDER BY 2, 3 LIMIT 20";
    try (DuckDbSession duckDb = DuckDbSession.open()) {
      assertThat(duckDb.query(differences), is(empty()));
      assertThat(duckDb.scalar("SELECT count(*) FROM (" + actual + ")"), greaterThan(atLeast));
    }
  }

  private static long scalar(String sql) throws SQLException {
    try (DuckDbSession duckDb = DuckDbSession.open()) {
      return duckDb.scalar(sql);
    }
  }
}
