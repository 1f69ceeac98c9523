package io.funnelpulse.pipelines;

import java.io.IOException;
import java.io.InterruptedIOException;
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
   * its queued micro-batches (the runner's own cancel stops gracefully and works them all off). The
   * interruption of a micro-batch that this stop causes is expected and not rethrown; any other error is.
   */
  static void cancelNow(PipelineResult result) throws IOException {
    scala.Option<StreamingContext> active = StreamingContext.getActive();
    if (!active.isDefined()) {
      result.cancel();
      return;
    }
    active.get().stop(false, false);
    try {
      result.cancel();
    } catch (RuntimeException e) {
      if (!causedByInterruption(e)) {
        throw e;
      }
    }
  }

  private static boolean causedByInterruption(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
