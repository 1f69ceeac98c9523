package io.funnelpulse.pipelines;

import io.funnelpulse.sql.FunnelSql;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs the project's shipped SQL in an embedded, in-memory DuckDB, for tests. */
final class DuckDb {
  private DuckDb() {}

  /** Every row of {@code sql}, each as a list of column values rendered with toString. */
  static List<List<String>> query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The single number {@code sql} returns. */
  static long scalar(String sql) throws SQLException {
    return Long.parseLong(query(sql).get(0).get(0));
  }

  /** The brand funnel reference over raw CSV input, hourly unless told otherwise. */
  static String reference(String inputGlob, int windowMinutes) {
    return FunnelSql.reference(inputGlob, windowMinutes, FunnelDimension.BRAND);
  }

  /** The final view of the brand funnel table written under {@code outputDir}. */
  static String finalView(String outputDir) {
    return FunnelSql.finalView(outputDir, FunnelDimension.BRAND);
  }

  /** Rows where the reference and a written final view disagree; empty when equal. */
  static List<List<String>> differences(String inputGlob, String outputDir) throws SQLException {
    return query(FunnelSql.compare(inputGlob, outputDir, 60, FunnelDimension.BRAND));
  }
}
