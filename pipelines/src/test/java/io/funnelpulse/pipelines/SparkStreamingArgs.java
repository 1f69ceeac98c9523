package io.funnelpulse.pipelines;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.runners.spark.metrics.MetricsAccumulator;
import org.apache.beam.runners.spark.util.GlobalWatermarkHolder;
import org.apache.beam.sdk.PipelineResult;
import org.apache.spark.streaming.StreamingContext;

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

  /**
   * Cancels {@code result}; a Spark streaming context still active is stopped first without waiting for
   * its queued micro-batches (the runner's own cancel stops gracefully and works them all off).
   */
  static void cancelNow(PipelineResult result) throws IOException {
    scala.Option<StreamingContext> active = StreamingContext.getActive();
    if (active.isDefined()) {
      active.get().stop(false, false);
    }
    result.cancel();
  }
}
