package io.funnelpulse.pipelines;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.runners.spark.metrics.MetricsAccumulator;
import org.apache.beam.runners.spark.util.GlobalWatermarkHolder;
import org.apache.beam.sdk.PipelineResult;

/** For tests: the arguments of a Spark streaming run in this JVM, after clearing the runner's static state. */
final class SparkStreamingArgs {
  private SparkStreamingArgs() {}

  /** {@code local[2]}, 1 s micro-batches, the checkpoint in {@code checkpointDir}. */
  static String[] local(Path checkpointDir) {
    MetricsAccumulator.clear();
    GlobalWatermarkHolder.clear();
    System.setProperty("spark.ui.enabled", "false");
    return new String[] {
      "--runner=SparkRunner",
      "--sparkMaster=local[2]",
      "--streaming=true",
      "--checkpointDir=" + checkpointDir,
      "--batchIntervalMillis=1000"
    };
  }

  /** Cancels {@code result} as a stopped job does: at once, see {@link SparkStreamingSettings#stopNow}. */
  static void cancelNow(PipelineResult result) throws IOException {
    SparkStreamingSettings.stopNow(result);
  }
}
