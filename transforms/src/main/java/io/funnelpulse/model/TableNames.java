package io.funnelpulse.model;

/**
 * The names of the tables the job writes under its output directory: the one home for the job that
 * writes them and for everything that reads them back ({@code verify}, the run summary, the SQL).
 *
 * <p>The names say "hourly" because an hour is the default window; with another
 * {@code --windowSizeMinutes} the tables keep their names (queries and dashboards need not change)
 * and their {@code window_start}/{@code window_end} columns say what a window is.
 */
public final class TableNames {
  /** The funnel without a key (dimension NONE); per brand or category it has a suffix, see {@link #funnel}. */
  public static final String FUNNEL = "funnel_hourly";
  /** Every record that did not make it into a window, with its reason. */
  public static final String DEAD_LETTER = "dead_letter";
  /** Distinct visitors and sessions per window. */
  public static final String VISITORS = "visitors_hourly";
  /** Distinct visitors and sessions per window and brand. */
  public static final String VISITORS_BY_BRAND = "visitors_hourly_brand";
  /** Daily rollup of {@link #VISITORS}. */
  public static final String VISITORS_DAILY = "visitors_daily";
  /** Daily rollup of {@link #VISITORS_BY_BRAND}. */
  public static final String VISITORS_DAILY_BY_BRAND = "visitors_daily_brand";
  /** Page views per window and product. */
  public static final String PAGE_VIEWS = "pageviews_hourly";
  /** Top-N products per window. */
  public static final String TOP_PRODUCTS = "top_products_hourly";
  /** Funnel anomaly alerts per brand and window. */
  public static final String ANOMALIES = "anomalies";
  /** The brand funnel over sliding windows (a day, moving by the hour by default), for trends. */
  public static final String CONVERSION_SLIDING_BRAND = "conversion_sliding_brand";
  /** One row per session and brand: the steps reached in order, revenue, start, end and events. */
  public static final String SESSIONS = "sessions";
  /** Sessions per hour of their start and brand: how many reached each step, revenue and rates. */
  public static final String SESSION_FUNNEL_HOURLY_BRAND = "session_funnel_hourly_brand";

  private TableNames() {}

  /** The funnel table keyed by {@code keyName} ({@code funnel_hourly_brand}), or {@link #FUNNEL} for none. */
  public static String funnel(String keyName) {
    return keyName == null ? FUNNEL : FUNNEL + "_" + keyName;
  }
}
