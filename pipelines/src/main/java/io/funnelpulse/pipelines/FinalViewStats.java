package io.funnelpulse.pipelines;

import io.funnelpulse.io.StorageDirectory;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run's summary says about its written final view, read with DuckDB and the shipped final-view
 * SQL: rows, windows, and the top keys (by views) of the busiest window. It is read back only from a
 * local output and where DuckDB is on the class path (not in the job jar); otherwise it says why not.
 */
public final class FinalViewStats {
  private final long rows;
  private final long windows;
  private final List<FunnelRow> busiestWindowTopKeys;
  private final String notReadBecause;

  private FinalViewStats(
      long rows, long windows, List<FunnelRow> busiestWindowTopKeys, String notReadBecause) {
    this.rows = rows;
    this.windows = windows;
    this.busiestWindowTopKeys = List.copyOf(busiestWindowTopKeys);
    this.notReadBecause = notReadBecause;
  }

  /**
   * Reads the final view of the {@code dimension} table under {@code output} (empty if none), or
   * returns stats that say why it cannot: a remote output, or no DuckDB in this JVM.
   */
  public static FinalViewStats readIfLocal(String output, FunnelDimension dimension, int topKeys)
      throws SQLException {
    if (StorageDirectory.isRemote(output)) {
      return notRead("the output is not on this machine's file system");
    }
    if (!DuckDbSession.available()) {
      return notRead("DuckDB is not in this JVM (the job jar leaves it out)");
    }
    return read(Paths.get(output), dimension, topKeys);
  }

  private static FinalViewStats notRead(String reason) {
    return new FinalViewStats(0, 0, List.of(), reason);
  }

  /** Reads the final view of the {@code dimension} table under {@code outputDir}; empty if none. */
  public static FinalViewStats read(Path outputDir, FunnelDimension dimension, int topKeys)
      throws SQLException {
    if (!Files.isDirectory(outputDir.resolve(dimension.tableName()))) {
      return new FinalViewStats(0, 0, List.of(), null);
    }
    String finalView = FunnelSql.finalView(outputDir.toString(), dimension);
    try (DuckDbSession db = DuckDbSession.open()) {
      List<Object> counts =
          db.query("SELECT count(*), count(DISTINCT window_start) FROM (" + finalView + ")").get(0);
      List<FunnelRow> top = new ArrayList<>();
      for (List<Object> r :
          db.query(
              "WITH f AS (" + finalView + "), busiest AS (SELECT window_start FROM f GROUP BY 1 "
                  + "ORDER BY sum(views) DESC, 1 LIMIT 1) "
                  + "SELECT epoch_ms(window_start), epoch_ms(window_end), "
                  + FunnelSql.keyColumn(dimension)
                  + ", views, carts, removes, purchases, revenue, pane_timing, pane_index, is_final "
                  + "FROM f JOIN busiest USING (window_start) ORDER BY views DESC, 3 LIMIT " + topKeys)) {
        top.add(toRow(r));
      }
      return new FinalViewStats(
          ((Number) counts.get(0)).longValue(), ((Number) counts.get(1)).longValue(), top, null);
    }
  }

  private static FunnelRow toRow(List<Object> r) {
    FunnelCounts counts =
        FunnelCounts.of(
            number(r.get(3)), number(r.get(4)), number(r.get(5)), number(r.get(6)),
            ((BigDecimal) r.get(7)).movePointRight(2).longValueExact());
    return FunnelRow.of(
        number(r.get(0)),
        number(r.get(1)),
        r.get(2) == null ? null : r.get(2).toString(),
        counts,
        PaneFacts.of(r.get(8).toString(), number(r.get(9)), (Boolean) r.get(10)));
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  /** Whether the final view was read back (else {@link #notReadBecause()} says why). */
  public boolean wasRead() {
    return notReadBecause == null;
  }

  /** Why the final view was not read back, or {@code null} if it was. */
  public String notReadBecause() {
    return notReadBecause;
  }

  public long rows() {
    return rows;
  }

  public long windows() {
    return windows;
  }

  /** The final-view rows of the window with the most views, by views descending. */
  public List<FunnelRow> busiestWindowTopKeys() {
    return busiestWindowTopKeys;
  }
}
