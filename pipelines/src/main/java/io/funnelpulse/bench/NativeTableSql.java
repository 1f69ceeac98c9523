package io.funnelpulse.bench;

/**
 * The Spark SQL of the native job's tables, over the clean events ({@link NativeCleaningSql#CLEAN}) or,
 * for a table derived from another, over that table as written: hourly windows, the session gap, the
 * sliding windows, Top-N and the HLL precision of FunnelPulse's defaults. Columns as in
 * {@code src/schemas/*.avsc}, without the pane columns (every row here is final).
 *
 * <pre>{@code
 * spark.sql(NativeTableSql.FUNNEL_HOURLY_BRAND).write().partitionBy("window_date").parquet(out + "/funnel_hourly_brand");
 * }</pre>
 */
final class NativeTableSql {
  /** A session ends after this many minutes without an event of it. */
  static final int SESSION_GAP_MINUTES = 30;
  /** The number of most viewed products per window. */
  static final int TOP_N = 10;
  /** log2 of the HLL sketches' registers. */
  static final int HLL_LG_K = 12;
  /** The sliding windows' length. */
  static final String SLIDING_SIZE = "24 hours";
  /** How often a sliding window starts. */
  static final String SLIDING_PERIOD = "60 minutes";

  /** Views, carts, removals, purchases, revenue and rates per hour and brand. */
  static final String FUNNEL_HOURLY_BRAND = """
      SELECT window_start, window_start + INTERVAL 1 HOUR AS window_end, to_date(window_start) AS window_date, brand,
             views, carts, removes, purchases, revenue,
             CASE WHEN views = 0 THEN NULL ELSE carts / views END AS view_to_cart_rate,
             CASE WHEN carts = 0 THEN NULL ELSE purchases / carts END AS cart_to_purchase_rate,
             CASE WHEN views = 0 THEN NULL ELSE purchases / views END AS conversion_rate
      FROM (
        SELECT window_start, brand,
               count(*) FILTER (WHERE event_type = 'view') AS views,
               count(*) FILTER (WHERE event_type = 'cart') AS carts,
               count(*) FILTER (WHERE event_type = 'remove_from_cart') AS removes,
               count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
               CAST(coalesce(sum(price) FILTER (WHERE event_type = 'purchase'), 0) AS DECIMAL(18, 2)) AS revenue
        FROM clean_events
        GROUP BY window_start, brand
      )
      """;

  /** Views per hour and product. */
  static final String PAGEVIEWS_HOURLY = """
      SELECT window_start, window_start + INTERVAL 1 HOUR AS window_end, to_date(window_start) AS window_date,
             product_id, count(*) AS views
      FROM clean_events
      WHERE event_type = 'view' AND product_id IS NOT NULL AND product_id <> ''
      GROUP BY window_start, product_id
      """;

  /** The most viewed products per hour, from {@code pageviews_hourly} as written; ties by product id. */
  static final String TOP_PRODUCTS_HOURLY = """
      SELECT window_start, window_end, window_date, rank, product_id, views
      FROM (
        SELECT *, CAST(row_number() OVER (PARTITION BY window_start ORDER BY views DESC, product_id) AS INT) AS rank
        FROM pageviews_hourly
      )
      WHERE rank <= %d
      """.formatted(TOP_N);

  /** Distinct visitors and sessions per hour: DataSketches HLL sketches and their estimates. */
  static final String VISITORS_HOURLY = visitors("");

  /** Distinct visitors and sessions per hour and brand. */
  static final String VISITORS_HOURLY_BRAND = visitors("brand, ");

  /**
   * Sessions and their ordered steps per brand ({@code src/sql/sessions_reference.sql}): the events of
   * one user_session (or user id) split where two consecutive events are more than the gap apart.
   */
  static final String SESSIONS = """
      WITH events AS (
        SELECT coalesce(user_session, concat('user:', user_id)) AS session_key, user_id, unix_millis(ts) AS t,
               event_type, brand, price
        FROM clean_events
        WHERE user_session IS NOT NULL OR user_id IS NOT NULL
      ),
      marked AS (
        SELECT *, CASE WHEN t - lag(t) OVER (PARTITION BY session_key ORDER BY t) <= %1$d THEN 0 ELSE 1 END AS starts
        FROM events
      ),
      numbered AS (
        SELECT *, sum(starts) OVER (PARTITION BY session_key ORDER BY t, starts DESC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
        FROM marked
      ),
      viewed AS (
        SELECT *, min(CASE WHEN event_type = 'view' THEN t END)
                    OVER (PARTITION BY session_key, session_no, brand) AS first_view
        FROM numbered
      ),
      brands AS (
        SELECT session_key, session_no, brand, min(t) AS first_t, max(t) AS last_t, count(*) AS brand_events,
               min(user_id) AS first_user, min(first_view) AS first_view,
               min(t) FILTER (WHERE event_type = 'cart' AND t >= first_view) AS first_cart,
               min(t) FILTER (WHERE event_type = 'purchase') AS first_purchase,
               max(t) FILTER (WHERE event_type = 'purchase') AS last_purchase,
               count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
               CAST(coalesce(sum(price) FILTER (WHERE event_type = 'purchase'), 0) AS DECIMAL(18, 2)) AS revenue
        FROM viewed
        GROUP BY session_key, session_no, brand
      ),
      sessions AS (
        SELECT *, min(first_t) OVER s AS start_ms, max(last_t) OVER s AS end_ms,
               sum(brand_events) OVER s AS events, min(first_user) OVER s AS session_user
        FROM brands
        WINDOW s AS (PARTITION BY session_key, session_no)
      )
      SELECT timestamp_millis(start_ms) AS window_start, timestamp_millis(end_ms + %1$d + 1) AS window_end,
             to_date(timestamp_millis(start_ms)) AS window_date, session_key, session_user AS user_id, brand,
             timestamp_millis(end_ms) AS session_end, events,
             first_view IS NOT NULL AS viewed,
             first_cart IS NOT NULL AS carted,
             coalesce(first_cart IS NOT NULL AND last_purchase >= first_cart, false) AS purchased,
             purchases > 0 AND (first_cart IS NULL OR first_purchase < first_cart) AS purchased_without_cart,
             purchases, revenue
      FROM sessions
      """.formatted(SESSION_GAP_MINUTES * 60_000L);

  /** Sessions per hour of their start and brand, from {@code sessions} as written. */
  static final String SESSION_FUNNEL_HOURLY_BRAND = """
      SELECT window_start, window_start + INTERVAL 1 HOUR AS window_end, to_date(window_start) AS window_date, brand,
             sessions, viewed, carted, purchased, purchased_without_cart, revenue,
             CASE WHEN viewed = 0 THEN NULL ELSE carted / viewed END AS view_to_cart_rate,
             CASE WHEN carted = 0 THEN NULL ELSE purchased / carted END AS cart_to_purchase_rate,
             CASE WHEN viewed = 0 THEN NULL ELSE purchased / viewed END AS view_to_purchase_rate
      FROM (
        SELECT date_trunc('HOUR', window_start) AS window_start, brand, count(*) AS sessions,
               count(*) FILTER (WHERE viewed) AS viewed,
               count(*) FILTER (WHERE carted) AS carted,
               count(*) FILTER (WHERE purchased) AS purchased,
               count(*) FILTER (WHERE purchased_without_cart) AS purchased_without_cart,
               CAST(sum(revenue) AS DECIMAL(18, 2)) AS revenue
        FROM sessions
        GROUP BY date_trunc('HOUR', window_start), brand
      )
      """;

  /** The brand funnel over sliding windows, from {@code funnel_hourly_brand} as written. */
  static final String CONVERSION_SLIDING_BRAND = """
      SELECT slide.start AS window_start, slide.end AS window_end, to_date(slide.start) AS window_date, brand,
             views, carts, removes, purchases, revenue,
             CASE WHEN views = 0 THEN NULL ELSE carts / views END AS view_to_cart_rate,
             CASE WHEN carts = 0 THEN NULL ELSE purchases / carts END AS cart_to_purchase_rate,
             CASE WHEN views = 0 THEN NULL ELSE purchases / views END AS conversion_rate
      FROM (
        SELECT window(window_start, '%s', '%s') AS slide, brand,
               sum(views) AS views, sum(carts) AS carts, sum(removes) AS removes, sum(purchases) AS purchases,
               CAST(sum(revenue) AS DECIMAL(18, 2)) AS revenue
        FROM funnel_hourly_brand
        GROUP BY slide, brand
      )
      """.formatted(SLIDING_SIZE, SLIDING_PERIOD);

  private NativeTableSql() {}

  private static String visitors(String key) {
    return """
        SELECT window_start, window_start + INTERVAL 1 HOUR AS window_end, to_date(window_start) AS window_date, %1$s
               hll_sketch_estimate(visitors_sketch) AS visitors, hll_sketch_estimate(sessions_sketch) AS sessions,
               visitors_sketch, sessions_sketch, %2$d AS hll_lg_k
        FROM (
          SELECT window_start, %1$s hll_sketch_agg(user_id, %2$d) AS visitors_sketch,
                 hll_sketch_agg(user_session, %2$d) AS sessions_sketch
          FROM clean_events
          GROUP BY window_start %3$s
        )
        """.formatted(key, HLL_LG_K, key.isEmpty() ? "" : ", brand");
  }
}
