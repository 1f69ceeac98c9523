package io.funnelpulse.sql;

import io.funnelpulse.model.TableNames;
import io.funnelpulse.transforms.clean.SilverRules;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shipped funnel SQL ({@code src/sql/}) filled in for an input, an output directory and a funnel
 * dimension: the DuckDB reference over the raw input, the final view of the written table, and their
 * comparison.
 */
public final class FunnelSql {
  private FunnelSql() {}

  /** The key column of the dimension's table, or {@code NULL} for the table without a key. */
  public static String keyColumn(FunnelDimension dimension) {
    return dimension.column() == null ? "NULL" : dimension.column();
  }

  /** The same key computed from the raw columns with the cleaning rules. */
  static String keyExpression(FunnelDimension dimension) {
    switch (dimension) {
      case BRAND:
        return "NULLIF(lower(trim(brand)), '')";
      case CATEGORY:
        return "NULLIF(regexp_replace(lower(trim(category_code)), '[^a-z0-9.]', '_', 'g'), '')";
      default:
        return "NULL";
    }
  }

  /**
   * The raw rows of the input, a glob or a DuckDB list of files ({@link #fileList}): JSON lines for
   * .json/.jsonl/.ndjson (optionally .gz), else CSV.
   */
  static String rawRows(String input) {
    boolean list = input.startsWith("[");
    String first = list ? input.substring(1).split("'")[1] : input;
    String name = first.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
    boolean json = name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    return SqlTemplate.load(json ? "raw_json" : "raw_csv")
        .with(Map.of("input", list ? input : quoted(input)));
  }

  /** {@code files} as a DuckDB list literal, usable wherever an input glob is. */
  public static String fileList(List<String> files) {
    StringBuilder s = new StringBuilder("[");
    for (String file : files) {
      s.append(s.length() > 1 ? ", " : "").append(quoted(file));
    }
    return s.append(']').toString();
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** The funnel recomputed from the raw input. */
  public static String reference(String inputGlob, int windowMinutes, FunnelDimension dimension) {
    return SqlTemplate.load("funnel_reference")
        .with(
            Map.of(
                "raw", rawRows(inputGlob),
                "window_seconds", String.valueOf(windowMinutes * 60L),
                "key_expr", keyExpression(dimension),
                "max_key_characters", String.valueOf(SilverRules.MAX_KEY_CHARACTERS)));
  }

  /** Every pane of the written table. */
  public static String allPanes(String outputDir, FunnelDimension dimension) {
    return "SELECT * FROM read_parquet('" + tableGlob(outputDir, dimension) + "', hive_partitioning = false)";
  }

  /** The latest pane per window and key of the written table. */
  public static String finalView(String outputDir, FunnelDimension dimension) {
    return SqlTemplate.load("final_view")
        .with(
            Map.of(
                "table", outputDir + "/" + dimension.tableName(),
                "key", keyColumn(dimension)));
  }

  /** Rows where reference and final view differ, with a {@code side} column (missing / extra). */
  public static String compare(
      String inputGlob, String outputDir, int windowMinutes, FunnelDimension dimension) {
    return SqlTemplate.load("funnel_compare")
        .with(
            Map.of(
                "reference", reference(inputGlob, windowMinutes, dimension),
                "final_view", finalView(outputDir, dimension),
                "key", keyColumn(dimension)));
  }

  /**
   * Rows where the brand funnel over sliding windows of {@code sizeSeconds} starting every {@code
   * periodSeconds}, recomputed from the raw input, and the final view of {@code
   * conversion_sliding_brand} differ, with a {@code side} column (missing / extra).
   */
  public static String slidingCompare(
      String inputGlob, String outputDir, int windowMinutes, long sizeSeconds, long periodSeconds) {
    String sliding = SqlTemplate.load("sliding_reference")
        .with(Map.of(
            "reference", reference(inputGlob, windowMinutes, FunnelDimension.BRAND),
            "size_seconds", String.valueOf(sizeSeconds),
            "period_seconds", String.valueOf(periodSeconds)));
    return SqlTemplate.load("funnel_compare")
        .with(Map.of(
            "reference", sliding,
            "final_view", ClickstreamSql.finalView(outputDir, TableNames.CONVERSION_SLIDING_BRAND, "brand"),
            "key", "brand"));
  }

  private static String tableGlob(String outputDir, FunnelDimension dimension) {
    return outputDir + "/" + dimension.tableName() + "/*/*.parquet";
  }
}
