package io.funnelpulse.sql;

import io.funnelpulse.model.TableNames;
import java.util.Map;

/**
 * The shipped session SQL ({@code src/sql/}) filled in for an input and an output directory: the
 * sessions and the hourly session funnel recomputed from the raw input, and the final views of the two
 * written tables in the same columns.
 */
public final class SessionSql {
  private SessionSql() {}

  /** Sessions and their steps per brand, recomputed from the raw input. */
  public static String sessionsReference(String inputGlob, int windowMinutes, int gapMinutes) {
    return SqlTemplate.load("sessions_reference").with(Map.of(
        "clean", ClickstreamSql.cleanEvents(inputGlob, windowMinutes),
        "gap_ms", String.valueOf(gapMinutes * 60_000L)));
  }

  /** The final view of the sessions table, in the reference's columns. */
  public static String sessionsFinalView(String outputDir) {
    String view = SqlTemplate.load("sessions_final_view").with(Map.of("table", outputDir + "/" + TableNames.SESSIONS));
    return "SELECT session_key, epoch_ms(window_start) AS session_start_ms, epoch_ms(session_end) AS session_end_ms, "
        + "events, user_id, brand, viewed, carted, purchased, purchased_without_cart, purchases, "
        + "CAST(revenue * 100 AS BIGINT) AS revenue_cents FROM (" + view + ")";
  }

  /** The hourly session funnel per brand of {@code sessions} (reference or final view columns). */
  public static String sessionFunnel(String sessions, int windowMinutes) {
    return SqlTemplate.load("session_funnel_reference").with(Map.of(
        "sessions", sessions, "window_seconds", String.valueOf(windowMinutes * 60L)));
  }

  /** The final view of session_funnel_hourly_brand (groups left with sessions), in the reference's columns. */
  public static String sessionFunnelFinalView(String outputDir) {
    String view = ClickstreamSql.finalView(outputDir, TableNames.SESSION_FUNNEL_HOURLY_BRAND, "brand");
    return "SELECT epoch_ms(window_start) AS window_start_ms, brand, sessions, viewed, carted, purchased, "
        + "purchased_without_cart, CAST(revenue * 100 AS BIGINT) AS revenue_cents, view_to_cart_rate, "
        + "cart_to_purchase_rate, view_to_purchase_rate FROM (" + view + ") WHERE sessions > 0";
  }
}
