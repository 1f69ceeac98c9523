package io.funnelpulse.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelpulse.io.LocalDirectories;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.sql.ClickstreamSql;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the report shows, read from a run's output with DuckDB: the final view of each table (the
 * latest pane per window and key, as {@code verify} reads them), within the asked range, as one JSON
 * document the page draws its charts from. A table the run did not write, or that has no row in the
 * range, is listed under {@code empty} and its section says so.
 */
final class ReportData {
  /** How many dead letters the report shows as examples. */
  static final int DEAD_LETTER_EXAMPLES = 5;
  /** How many products of the busiest window the report lists. */
  static final int TOP_PRODUCTS = 10;

  private final ReportOptions options;
  private final DuckDbSession db;
  private final String dir;
  private final ObjectMapper json = new ObjectMapper();
  private final ArrayNode empty = json.createArrayNode();

  private ReportData(ReportOptions options, DuckDbSession db) {
    this.options = options;
    this.db = db;
    this.dir = options.output().toAbsolutePath().toString();
  }

  /** The funnel table of the run (by brand, by category or without a key), if it wrote one. */
  static Optional<FunnelDimension> funnelDimension(Path output) throws IOException {
    for (FunnelDimension dimension : List.of(FunnelDimension.BRAND, FunnelDimension.CATEGORY, FunnelDimension.NONE)) {
      if (LocalDirectories.holdsParquetFiles(output.resolve(dimension.tableName()))) {
        return Optional.of(dimension);
      }
    }
    return Optional.empty();
  }

  /** Reads everything the report shows from the output of {@code options}. */
  static ObjectNode read(ReportOptions options) throws IOException, SQLException {
    try (DuckDbSession db = DuckDbSession.open()) {
      return new ReportData(options, db).read();
    }
  }

  private ObjectNode read() throws IOException, SQLException {
    ObjectNode root = json.createObjectNode();
    root.put("output", dir);
    root.put("generated_at", Instant.now().toString());
    root.put("range", rangeText());
    root.put("range_given", options.hasRange());
    Optional<FunnelDimension> dimension = funnelDimension(options.output());
    root.put("funnel_table", dimension.orElse(FunnelDimension.BRAND).tableName());
    root.put("key_label", dimension.map(d -> d.column() == null ? "all" : d.column()).orElse("brand"));
    root.set("headline", headline(dimension));
    if (dimension.isPresent()) {
      funnel(root, dimension.get());
    } else {
      empty.add("funnel");
    }
    root.set("anomalies", anomalies());
    root.set("visitors", visitors());
    root.set("dead_letters", deadLetters());
    root.set("top_products", topProducts());
    root.set("session_funnel", sessionFunnel());
    root.set("empty", empty);
    return root;
  }

  private String rangeText() {
    if (!options.hasRange()) {
      return "every window";
    }
    String from = options.fromMillis() == Long.MIN_VALUE ? "the first window" : Instant.ofEpochMilli(options.fromMillis()).toString();
    String to = options.toMillis() == Long.MAX_VALUE ? "the last" : "before " + Instant.ofEpochMilli(options.toMillis());
    return "windows from " + from + " " + to;
  }

  /** The windows in the range, as a SQL condition on {@code window_start}. */
  private String inRange() {
    return "epoch_ms(window_start) >= " + options.fromMillis() + " AND epoch_ms(window_start) < " + options.toMillis();
  }

  private ObjectNode headline(Optional<FunnelDimension> dimension) throws IOException, SQLException {
    ObjectNode headline = json.createObjectNode();
    Path summaryFile = options.output().resolve(RunSummary.FILE_NAME);
    if (Files.isRegularFile(summaryFile)) {
      JsonNode summary = json.readTree(summaryFile.toFile());
      headline.put("source", "run summary");
      headline.put("runner", summary.path("runner").asText());
      headline.put("mode", summary.path("mode").asText());
      headline.put("records_read", summary.path("records_read").asLong());
      headline.put("valid", summary.path("valid").asLong());
      headline.put("quarantined", summary.path("quarantined").asLong());
    } else {
      headline.put("source", "tables (the run wrote no summary)");
    }
    if (dimension.isPresent()) {
      List<Object> totals = db.query("SELECT count(DISTINCT window_start), COALESCE(sum(revenue), 0), "
          + "COALESCE(sum(views + carts + removes + purchases), 0) FROM (" + funnelView(dimension.get()) + ")").get(0);
      headline.put("windows", number(totals.get(0)));
      headline.put("revenue", ((BigDecimal) totals.get(1)).setScale(2).toPlainString());
      if (!headline.has("valid")) {
        long deadLetters = deadLetterCount();
        headline.put("valid", number(totals.get(2)));
        headline.put("quarantined", deadLetters);
        headline.put("records_read", number(totals.get(2)) + deadLetters);
      }
    } else {
      headline.put("windows", 0);
      headline.put("revenue", "0.00");
    }
    for (String count : List.of("records_read", "valid", "quarantined")) {
      if (!headline.has(count)) {
        headline.put(count, 0);
      }
    }
    return headline;
  }

  private String funnelView(FunnelDimension dimension) {
    return "SELECT * FROM (" + FunnelSql.finalView(dir, dimension) + ") WHERE " + inRange();
  }

  /**
   * The funnel per window for all keys together ({@code totals}: views, carts, purchases, revenue and
   * the three rates, NULL on a zero denominator) and per key for the busiest keys ({@code by_key}).
   */
  private void funnel(ObjectNode root, FunnelDimension dimension) throws IOException, SQLException {
    String view = funnelView(dimension);
    ArrayNode totals = json.createArrayNode();
    for (List<Object> r : db.query("SELECT epoch_ms(window_start), sum(views), sum(carts), sum(purchases), "
        + "sum(revenue) FROM (" + view + ") GROUP BY 1 ORDER BY 1")) {
      long views = number(r.get(1));
      long carts = number(r.get(2));
      long purchases = number(r.get(3));
      ObjectNode w = totals.addObject();
      w.put("t", number(r.get(0)));
      w.put("views", views);
      w.put("carts", carts);
      w.put("purchases", purchases);
      w.put("revenue", ((BigDecimal) r.get(4)).setScale(2).toPlainString());
      putRate(w, "view_to_cart", carts, views);
      putRate(w, "cart_to_purchase", purchases, carts);
      putRate(w, "view_to_purchase", purchases, views);
    }
    if (totals.isEmpty()) {
      empty.add("funnel");
    }
    root.set("funnel", totals);
    ArrayNode byKey = json.createArrayNode();
    if (dimension.column() != null && options.brands() > 0) {
      String key = dimension.column();
      List<String> top = db.query("SELECT " + key + " FROM (" + view + ") WHERE " + key + " IS NOT NULL GROUP BY 1 "
              + "ORDER BY sum(views) DESC, 1 LIMIT " + options.brands()).stream()
          .map(r -> r.get(0).toString()).collect(Collectors.toList());
      for (String name : withAnomalyKeys(top)) {
        ObjectNode series = byKey.addObject();
        series.put("key", name);
        ArrayNode points = series.putArray("points");
        for (List<Object> r : db.query("SELECT epoch_ms(window_start), views, carts, purchases, revenue FROM (" + view
            + ") WHERE " + key + " = " + quoted(name) + " ORDER BY 1")) {
          ArrayNode p = points.addArray();
          p.add(number(r.get(0))).add(number(r.get(1))).add(number(r.get(2))).add(number(r.get(3)))
              .add(((BigDecimal) r.get(4)).setScale(2).toPlainString());
        }
      }
    }
    root.set("by_key", byKey);
  }

  /** The busiest keys, then the keys of anomalies in the range not among them (so that marks have a line). */
  private List<String> withAnomalyKeys(List<String> top) throws IOException, SQLException {
    List<String> keys = new ArrayList<>(top);
    if (hasTable(TableNames.ANOMALIES)) {
      for (List<Object> r : db.query("SELECT DISTINCT brand FROM (" + anomaliesView() + ") WHERE brand IS NOT NULL "
          + "AND metric IN ('views', 'carts', 'purchases') ORDER BY 1 LIMIT 10")) {
        if (!keys.contains(r.get(0).toString())) {
          keys.add(r.get(0).toString());
        }
      }
    }
    return keys;
  }

  private String anomaliesView() {
    return "SELECT * FROM (" + ClickstreamSql.finalView(dir, TableNames.ANOMALIES, "brand, metric, direction")
        + ") WHERE " + inRange();
  }

  /**
   * Each alert once, in its latest state (the rows of an alert share brand, metric, direction and
   * start), and the windows it covered (every state but CLOSED, whose window is the recovery's) as
   * marks.
   */
  private ObjectNode anomalies() throws IOException, SQLException {
    ObjectNode result = json.createObjectNode();
    ArrayNode marks = result.putArray("marks");
    ArrayNode alerts = result.putArray("alerts");
    if (hasTable(TableNames.ANOMALIES)) {
      for (List<Object> r : db.query("SELECT epoch_ms(window_start), brand, metric, observed, expected, direction, "
          + "severity FROM (" + anomaliesView() + ") WHERE status <> 'CLOSED' ORDER BY 1, 2, 3")) {
        ObjectNode a = marks.addObject();
        a.put("t", number(r.get(0)));
        a.put("brand", r.get(1) == null ? null : r.get(1).toString());
        a.put("metric", r.get(2).toString());
        a.put("observed", ((Number) r.get(3)).doubleValue());
        a.put("expected", ((Number) r.get(4)).doubleValue());
        a.put("direction", r.get(5).toString());
        a.put("severity", r.get(6).toString());
      }
      for (List<Object> r : db.query("SELECT epoch_ms(started_at), brand, metric, direction, status, run_windows, "
          + "observed_total, expected_total, score, severity, provisional FROM (" + anomaliesView() + ") "
          + "QUALIFY row_number() OVER (PARTITION BY brand, metric, direction, started_at "
          + "ORDER BY window_start DESC, provisional) = 1 ORDER BY 1, 2, 3")) {
        ObjectNode a = alerts.addObject();
        a.put("t", number(r.get(0)));
        a.put("brand", r.get(1) == null ? null : r.get(1).toString());
        a.put("metric", r.get(2).toString());
        a.put("direction", r.get(3).toString());
        a.put("status", r.get(4).toString());
        a.put("windows", ((Number) r.get(5)).intValue());
        a.put("observed", ((Number) r.get(6)).doubleValue());
        a.put("expected", ((Number) r.get(7)).doubleValue());
        a.put("score", ((Number) r.get(8)).doubleValue());
        a.put("severity", r.get(9).toString());
        a.put("provisional", (Boolean) r.get(10));
      }
    }
    if (alerts.isEmpty()) {
      empty.add(TableNames.ANOMALIES);
    }
    return result;
  }

  private ArrayNode visitors() throws IOException, SQLException {
    ArrayNode rows = json.createArrayNode();
    if (hasTable(TableNames.VISITORS)) {
      for (List<Object> r : db.query("SELECT epoch_ms(window_start), visitors, sessions FROM ("
          + ClickstreamSql.finalView(dir, TableNames.VISITORS, "NULL") + ") WHERE " + inRange() + " ORDER BY 1")) {
        rows.addArray().add(number(r.get(0))).add(number(r.get(1))).add(number(r.get(2)));
      }
    }
    if (rows.isEmpty()) {
      empty.add(TableNames.VISITORS);
    }
    return rows;
  }

  private long deadLetterCount() throws IOException, SQLException {
    return hasTable(TableNames.DEAD_LETTER) ? db.scalar("SELECT count(*) FROM " + deadLetterFiles()) : 0;
  }

  private String deadLetterFiles() {
    return "read_parquet('" + dir + "/" + TableNames.DEAD_LETTER + "/**/*.parquet', hive_partitioning = false)";
  }

  /** Dead letters by reason and by source, and a few examples; the whole run's (they have no window). */
  private ObjectNode deadLetters() throws IOException, SQLException {
    ObjectNode dead = json.createObjectNode();
    ArrayNode byReason = dead.putArray("by_reason");
    ArrayNode bySource = dead.putArray("by_source");
    ArrayNode examples = dead.putArray("examples");
    if (hasTable(TableNames.DEAD_LETTER)) {
      for (List<Object> r : db.query("SELECT reason, count(*) FROM " + deadLetterFiles() + " GROUP BY 1 ORDER BY 2 DESC, 1")) {
        byReason.addArray().add(r.get(0).toString()).add(number(r.get(1)));
      }
      for (List<Object> r : db.query("SELECT source, count(*) FROM " + deadLetterFiles() + " GROUP BY 1 ORDER BY 2 DESC, 1")) {
        bySource.addArray().add(r.get(0) == null ? "" : r.get(0).toString()).add(number(r.get(1)));
      }
      for (List<Object> r : db.query("SELECT reason, source, position, message, left(raw, 300) FROM ("
          + "SELECT *, row_number() OVER (PARTITION BY reason ORDER BY source, position) AS n FROM " + deadLetterFiles()
          + ") WHERE n = 1 ORDER BY reason LIMIT " + DEAD_LETTER_EXAMPLES)) {
        ObjectNode e = examples.addObject();
        e.put("reason", r.get(0).toString());
        e.put("source", r.get(1) == null ? "" : r.get(1).toString());
        e.put("position", number(r.get(2)));
        e.put("message", r.get(3) == null ? "" : r.get(3).toString());
        e.put("raw", r.get(4) == null ? "" : r.get(4).toString());
      }
    }
    if (byReason.isEmpty()) {
      empty.add(TableNames.DEAD_LETTER);
    }
    return dead;
  }

  /** The Top-N products of the busiest window in the range (by the window's page views). */
  private ObjectNode topProducts() throws IOException, SQLException {
    ObjectNode top = json.createObjectNode();
    ArrayNode rows = top.putArray("rows");
    if (hasTable(TableNames.TOP_PRODUCTS) && hasTable(TableNames.PAGE_VIEWS)) {
      String pageViews = "SELECT * FROM (" + ClickstreamSql.finalView(dir, TableNames.PAGE_VIEWS, "product_id")
          + ") WHERE " + inRange();
      List<List<Object>> busiest = db.query("SELECT window_start, epoch_ms(window_start) FROM (" + pageViews
          + ") GROUP BY 1 ORDER BY sum(views) DESC, 1 LIMIT 1");
      if (!busiest.isEmpty()) {
        top.put("t", number(busiest.get(0).get(1)));
        for (List<Object> r : db.query("SELECT rank, product_id, views FROM ("
            + ClickstreamSql.finalView(dir, TableNames.TOP_PRODUCTS, "rank") + ") WHERE epoch_ms(window_start) = "
            + number(busiest.get(0).get(1)) + " ORDER BY rank LIMIT " + TOP_PRODUCTS)) {
          rows.addArray().add(number(r.get(0))).add(r.get(1).toString()).add(number(r.get(2)));
        }
      }
    }
    if (rows.isEmpty()) {
      empty.add(TableNames.TOP_PRODUCTS);
    }
    return top;
  }

  /** Sessions that reached each step, over the range, from the session funnel's final view. */
  private ObjectNode sessionFunnel() throws IOException, SQLException {
    ObjectNode funnel = json.createObjectNode();
    if (hasTable(TableNames.SESSION_FUNNEL_HOURLY_BRAND)) {
      List<Object> r = db.query("SELECT COALESCE(sum(sessions), 0), COALESCE(sum(viewed), 0), COALESCE(sum(carted), 0), "
          + "COALESCE(sum(purchased), 0), COALESCE(sum(purchased_without_cart), 0) FROM ("
          + ClickstreamSql.finalView(dir, TableNames.SESSION_FUNNEL_HOURLY_BRAND, "brand") + ") WHERE " + inRange()).get(0);
      if (number(r.get(0)) > 0) {
        funnel.put("sessions", number(r.get(0)));
        funnel.put("viewed", number(r.get(1)));
        funnel.put("carted", number(r.get(2)));
        funnel.put("purchased", number(r.get(3)));
        funnel.put("purchased_without_cart", number(r.get(4)));
      }
    }
    if (funnel.isEmpty()) {
      empty.add(TableNames.SESSION_FUNNEL_HOURLY_BRAND);
    }
    return funnel;
  }

  private boolean hasTable(String table) throws IOException {
    return LocalDirectories.holdsParquetFiles(options.output().resolve(table));
  }

  private static void putRate(ObjectNode node, String name, long numerator, long denominator) {
    if (denominator == 0) {
      node.putNull(name);
    } else {
      node.put(name, numerator / (double) denominator);
    }
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
