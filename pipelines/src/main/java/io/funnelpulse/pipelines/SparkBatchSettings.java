package io.funnelpulse.pipelines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What a bounded run on a local Spark master ({@code local}, {@code local[N]}, {@code local[*]}) sets
 * for its Spark context: {@value #PARALLELISM_PROPERTY} at {@value #PARTITIONS_PER_CORE} partitions per
 * core, unless the user set it. A cluster's settings (spark-submit) are left alone.
 *
 * <p>Why: the job's one pass parses and pre-aggregates a whole partition as one bundle, holding that
 * bundle's partials (sessions, page views, visitor sketches) until it ends; with Spark's default of one
 * partition per core, two bundles held half the month's partials each. Measured on the month (4M
 * events, all default tables but anomalies, {@code local[2]}, 1 GiB heap): with 2 partitions the run
 * spent its time in full garbage collections and did not finish in 10 minutes; with 8 it took 112 s
 * at a peak RSS of 1,378 MiB. The funnel-only run takes as long either way.
 */
public final class SparkBatchSettings implements AutoCloseable {
  static final String PARALLELISM_PROPERTY = "spark.default.parallelism";
  static final int PARTITIONS_PER_CORE = 4;
  private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?");

  private final boolean set;

  private SparkBatchSettings(boolean set) {
    this.set = set;
  }

  /**
   * Applies the settings for the Spark context the run creates; {@link #close} once the run is over
   * takes back what was set, so that later contexts in this JVM start from the user's settings.
   */
  public static SparkBatchSettings applyToBatch(PipelineOptions options) {
    if (options.getRunner() != SparkRunner.class || System.getProperty(PARALLELISM_PROPERTY) != null) {
      return new SparkBatchSettings(false);
    }
    // spark-submit passes its master as a system property, which the runner's context then takes.
    String master = System.getProperty("spark.master", options.as(SparkPipelineOptions.class).getSparkMaster());
    int partitions = localPartitions(master);
    if (partitions <= 0) {
      return new SparkBatchSettings(false);
    }
    System.setProperty(PARALLELISM_PROPERTY, Integer.toString(partitions));
    return new SparkBatchSettings(true);
  }

  /** The default parallelism for {@code master}, or 0 when it is not a local master. */
  static int localPartitions(String master) {
    Matcher local = master == null ? null : LOCAL_MASTER.matcher(master.trim());
    if (local == null || !local.matches()) {
      return 0;
    }
    String threads = local.group(1);
    int cores = threads == null ? 1
        : threads.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads);
    return Math.max(1, cores) * PARTITIONS_PER_CORE;
  }

  @Override
  public void close() {
    if (set) {
      System.clearProperty(PARALLELISM_PROPERTY);
    }
  }
}
