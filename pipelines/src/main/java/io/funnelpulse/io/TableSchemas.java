package io.funnelpulse.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * The Avro schemas of the output tables, as shipped in the project's {@code src/schemas/} and packaged on
 * the classpath under {@code funnelpulse/schemas/}.
 */
public final class TableSchemas {
  private TableSchemas() {}

  /** The schema JSON of {@code table}, e.g. {@code funnel_hourly_brand}. */
  public static String json(String table) {
    String resource = "/funnelpulse/schemas/" + table + ".avsc";
    try (InputStream in = TableSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No schema for table " + table + " at " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed schema of {@code table}. */
  public static Schema of(String table) {
    return new Schema.Parser().parse(json(table));
  }
}
