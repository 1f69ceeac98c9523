package io.funnelpulse.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** An embedded, in-memory DuckDB connection that answers queries as lists of rows. */
public final class DuckDbSession implements AutoCloseable {
  private final Connection connection;

  private DuckDbSession(Connection connection) {
    this.connection = connection;
  }

  /** Whether DuckDB's JDBC driver is on the class path (the job jar leaves it out). */
  public static boolean available() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Opens a new in-memory database (UTC session time zone). */
  public static DuckDbSession open() throws SQLException {
    DuckDbSession session = new DuckDbSession(DriverManager.getConnection("jdbc:duckdb:"));
    session.execute("SET TimeZone = 'UTC'");
    return session;
  }

  /** Runs a statement that returns nothing. */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Every row of {@code sql}, each a list of column values (JDBC objects, nulls kept). */
  public List<List<Object>> query(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The single number {@code sql} returns (0 when it is NULL). */
  public long scalar(String sql) throws SQLException {
    Object value = query(sql).get(0).get(0);
    return value == null ? 0L : ((Number) value).longValue();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
