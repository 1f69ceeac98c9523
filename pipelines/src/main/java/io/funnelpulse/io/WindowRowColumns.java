package io.funnelpulse.io;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionRow;
import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.WindowRow;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.values.KV;

/**
 * The table-specific columns of a {@link WindowRow}: what {@link WriteWindowRowTable} adds to the
 * shared window and pane columns. One implementation per table layout.
 *
 * @param <K> the row key
 * @param <V> the row value
 */
public interface WindowRowColumns<K, V> extends RecordColumns<WindowRow<K, V>> {
  /** Visitors and sessions with their sketches; with a {@code brand} column when {@code perBrand}. */
  static WindowRowColumns<String, VisitorSketches> visitors(boolean perBrand) {
    return (row, record) -> {
      VisitorSketches sketches = row.value();
      if (perBrand) {
        record.put("brand", row.key());
      }
      record.put("visitors", Math.round(sketches.visitors()));
      record.put("sessions", Math.round(sketches.sessions()));
      record.put("visitors_exact", sketches.exactVisitors());
      record.put("sessions_exact", sketches.exactSessions());
      record.put("visitors_sketch", ByteBuffer.wrap(sketches.visitorsSketch()));
      record.put("sessions_sketch", ByteBuffer.wrap(sketches.sessionsSketch()));
      record.put("hll_lg_k", sketches.lgK());
    };
  }

  /** Page views of one product. */
  static WindowRowColumns<String, Long> pageViews() {
    return (row, record) -> {
      record.put("product_id", row.key());
      record.put("views", row.value());
    };
  }

  /** One ranked product. */
  static WindowRowColumns<Integer, KV<String, Long>> topProducts() {
    return (row, record) -> {
      record.put("rank", row.key());
      record.put("product_id", row.value().getKey());
      record.put("views", row.value().getValue());
    };
  }

  /** One brand of one version of a session ({@code sessions}); its window is the session's. */
  static WindowRowColumns<String, SessionRow> sessions() {
    return (row, record) -> {
      SessionRow session = row.value();
      record.put("session_key", session.sessionKey());
      record.put("user_id", session.userId());
      record.put("brand", row.key());
      record.put("session_end", session.sessionEndMillis() * 1000L);
      record.put("events", session.events());
      record.put("viewed", session.viewed());
      record.put("carted", session.carted());
      record.put("purchased", session.purchased());
      record.put("purchased_without_cart", session.purchasedWithoutCart());
      record.put("purchases", session.purchases());
      record.put("revenue", RecordColumns.decimalOfCents(session.revenueCents()));
      record.put("superseded", session.superseded());
    };
  }

  /** The session funnel of a window of session starts and a brand ({@code session_funnel_hourly_brand}). */
  static WindowRowColumns<String, SessionFunnelCounts> sessionFunnel() {
    return (row, record) -> {
      SessionFunnelCounts counts = row.value();
      record.put("brand", row.key());
      record.put("sessions", counts.sessions());
      record.put("viewed", counts.viewed());
      record.put("carted", counts.carted());
      record.put("purchased", counts.purchased());
      record.put("purchased_without_cart", counts.purchasedWithoutCart());
      record.put("revenue", RecordColumns.decimalOfCents(counts.revenueCents()));
      record.put("view_to_cart_rate", counts.viewToCartRate());
      record.put("cart_to_purchase_rate", counts.cartToPurchaseRate());
      record.put("view_to_purchase_rate", counts.viewToPurchaseRate());
    };
  }

  /** One state of an anomaly alert of a brand. */
  static WindowRowColumns<String, Anomaly> anomalies() {
    return (row, record) -> {
      Anomaly anomaly = row.value();
      record.put("brand", row.key());
      record.put("metric", anomaly.metric());
      record.put("status", anomaly.status().name());
      record.put("observed", anomaly.observed());
      record.put("expected", anomaly.expected());
      record.put("score", anomaly.score());
      record.put("direction", anomaly.direction());
      record.put("severity", anomaly.severity().name());
      record.put("provisional", anomaly.provisional());
      record.put("baseline_windows", anomaly.baselineWindows());
      record.put("started_at", anomaly.startedMillis() * 1000L);
      record.put("run_windows", anomaly.runWindows());
      record.put("observed_total", anomaly.observedTotal());
      record.put("expected_total", anomaly.expectedTotal());
    };
  }
}
