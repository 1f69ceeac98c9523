package io.funnelpulse.bench;

import io.funnelpulse.bench.NativeJobArguments.TableSet;
import io.funnelpulse.model.TableNames;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The yardstick of the benchmarks: the tables FunnelPulse computes from REES46 CSV files, computed by a
 * plain Spark 3.5 SQL job as a data engineer would write it, so that FunnelPulse on the Spark runner
 * can be measured side by side with it (wall time, peak memory) on the same files. It reads the CSV
 * files with Spark's reader (explicit schema, header), applies FunnelPulse's cleaning rules
 * ({@link NativeCleaningSql}) and writes Parquet tables partitioned by {@code window_date}
 * ({@link NativeTableSql}):
 *
 * <ul>
 *   <li>{@code --tables=funnel}: {@code funnel_hourly_brand} only, in one pass over the files;
 *   <li>{@code --tables=default}: what FunnelPulse's default run writes but the anomaly alerts: the
 *       brand funnel, the dead letters, page views, Top-N products, visitors (HLL) overall and per
 *       brand, sessions, the hourly session funnel and the sliding brand funnel. The checked rows are
 *       cached once and every table reads them; a table derived from another (Top-N, the session
 *       funnel, the sliding funnel) reads that one back from its Parquet.
 * </ul>
 *
 * <p>Spark settings beyond its defaults: UTC session time zone, Parquet timestamps in microseconds
 * (the types of {@code src/schemas/}), the Spark 3 datetime parser for every time text, and no CSV
 * column pruning: when a query reads only some of the columns, Spark's CSV reader tokenizes only
 * those and no longer sees that a line has too few or too many fields, so malformed lines would be
 * counted (measured: the 10-field lines of the test input were). More settings come from
 * {@code -Dspark.*} system properties. It prints the rows written per table and its wall time.
 *
 * <pre>
 * java -cp ... io.funnelpulse.bench.NativeSparkSqlJob --input='in/*.csv' --output=out --tables=funnel
 * runner-profiles/bench-compare.sh    # against FunnelPulse on Spark local[2]
 * </pre>
 */
public final class NativeSparkSqlJob {
  private static final String APP_NAME = "native-spark-sql";

  private final SparkSession spark;
  private final String output;
  private final Map<String, Long> written = new LinkedHashMap<>();

  private NativeSparkSqlJob(SparkSession spark, String output) {
    this.spark = spark;
    this.output = output;
  }

  public static void main(String[] args) {
    NativeJobArguments arguments;
    try {
      arguments = NativeJobArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(NativeJobArguments.USAGE);
      System.exit(2);
      return;
    }
    run(arguments, System.out);
  }

  /** Runs the job, prints what it wrote and its wall time, and returns the rows written per table. */
  static Map<String, Long> run(NativeJobArguments arguments, PrintStream out) {
    long started = System.nanoTime();
    SparkSession spark = SparkSession.builder()
        .master(arguments.master())
        .appName(APP_NAME)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        .config("spark.sql.csv.parser.columnPruning.enabled", "false")
        .getOrCreate();
    Map<String, Long> written;
    try {
      NativeSparkSqlJob job = new NativeSparkSqlJob(spark, arguments.output());
      job.readAndCheck(arguments.input(), arguments.tables() == TableSet.DEFAULT);
      if (arguments.tables() == TableSet.DEFAULT) {
        job.writeDefaultTables();
      } else {
        job.write(TableNames.funnel("brand"), NativeTableSql.FUNNEL_HOURLY_BRAND, true);
      }
      written = job.written;
    } finally {
      spark.stop();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    written.forEach((table, rows) -> out.printf(Locale.ROOT, "NATIVE %-28s %,12d rows%n", table, rows));
    out.printf(Locale.ROOT, "NATIVE %s: %,d rows in %d tables, wall %.1f s%n", arguments, total(written),
        written.size(), seconds);
    return written;
  }

  private static long total(Map<String, Long> written) {
    return written.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The CSV rows as {@code raw_events}, checked as {@code checked_events} (cached), clean as {@code clean_events}. */
  private void readAndCheck(String input, boolean cache) {
    spark.read()
        .schema(NativeCleaningSql.CSV_SCHEMA)
        .option("header", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", NativeCleaningSql.CORRUPT_RECORD)
        .option("escape", "\"")
        .csv(input)
        .createOrReplaceTempView(NativeCleaningSql.RAW_VIEW);
    Dataset<Row> checked = spark.sql(NativeCleaningSql.CHECKED);
    if (cache) {
      checked = checked.cache();
    }
    checked.createOrReplaceTempView(NativeCleaningSql.CHECKED_VIEW);
    spark.sql(NativeCleaningSql.CLEAN).createOrReplaceTempView(NativeCleaningSql.CLEAN_VIEW);
  }

  private void writeDefaultTables() {
    write(TableNames.DEAD_LETTER, NativeCleaningSql.DEAD_LETTER, false);
    write(TableNames.funnel("brand"), NativeTableSql.FUNNEL_HOURLY_BRAND, true);
    write(TableNames.PAGE_VIEWS, NativeTableSql.PAGEVIEWS_HOURLY, true);
    write(TableNames.VISITORS, NativeTableSql.VISITORS_HOURLY, true);
    write(TableNames.VISITORS_BY_BRAND, NativeTableSql.VISITORS_HOURLY_BRAND, true);
    write(TableNames.SESSIONS, NativeTableSql.SESSIONS, true);
    readBack(TableNames.PAGE_VIEWS);
    write(TableNames.TOP_PRODUCTS, NativeTableSql.TOP_PRODUCTS_HOURLY, true);
    readBack(TableNames.SESSIONS);
    write(TableNames.SESSION_FUNNEL_HOURLY_BRAND, NativeTableSql.SESSION_FUNNEL_HOURLY_BRAND, true);
    readBack(TableNames.funnel("brand"));
    write(TableNames.CONVERSION_SLIDING_BRAND, NativeTableSql.CONVERSION_SLIDING_BRAND, true);
  }

  /** Writes the rows of {@code sql} as Parquet table {@code table} and notes how many there were. */
  private void write(String table, String sql, boolean byDate) {
    Observation rows = new Observation(table);
    Dataset<Row> observed = spark.sql(sql).observe(rows, functions.count(functions.lit(1)).as("rows"));
    if (byDate) {
      observed.write().mode(SaveMode.Overwrite).partitionBy("window_date").parquet(output + "/" + table);
    } else {
      observed.write().mode(SaveMode.Overwrite).parquet(output + "/" + table);
    }
    try {
      written.put(table, ((Number) rows.getAsJava().get("rows")).longValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while counting the rows of " + table, e);
    }
  }

  /** The written table {@code table} as a view of that name. */
  private void readBack(String table) {
    spark.read().parquet(output + "/" + table).createOrReplaceTempView(table);
  }
}
