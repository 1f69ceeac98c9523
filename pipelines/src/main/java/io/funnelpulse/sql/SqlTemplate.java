package io.funnelpulse.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A SQL file shipped in the project's {@code src/sql/} (on the classpath under {@code funnelpulse/sql/})
 * with {@code ${name}} placeholders, filled in by {@link #with}.
 *
 * <pre>{@code
 * String sql = SqlTemplate.load("final_view").with(Map.of("table", dir, "key", "brand"));
 * }</pre>
 */
public final class SqlTemplate {
  private final String name;
  private final String text;

  private SqlTemplate(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** Loads {@code src/sql/<name>.sql}. */
  public static SqlTemplate load(String name) {
    String resource = "/funnelpulse/sql/" + name + ".sql";
    try (InputStream in = SqlTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No SQL file " + resource);
      }
      return new SqlTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The SQL without its comment lines and with every {@code ${key}} replaced; fails if a placeholder
   * is left unfilled.
   */
  public String with(Map<String, String> values) {
    String sql = text.replaceAll("(?m)^\\s*--.*$", "").trim();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      sql = sql.replace("${" + entry.getKey() + "}", Objects.requireNonNull(entry.getValue()));
    }
    int open = sql.indexOf("${");
    if (open >= 0) {
      throw new IllegalArgumentException(
          "Unfilled placeholder in " + name + ".sql: " + sql.substring(open, sql.indexOf('}', open) + 1));
    }
    return sql;
  }
}
