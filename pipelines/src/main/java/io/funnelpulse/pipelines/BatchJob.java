package io.funnelpulse.pipelines;

import io.funnelpulse.io.StorageDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * Runs the job over files ({@code --source=FILES}) to the end: clears the tables of an earlier run
 * into the same output, builds and runs the graph, waits for it, and prints and saves the run summary.
 */
public final class BatchJob {
  private BatchJob() {}

  /** Runs a bounded job with ready options and prints the summary to {@code out}. */
  public static RunSummary run(FunnelPulseOptions options, PrintStream out) throws IOException {
    if (options.getSource() != EventSource.FILES) {
      throw new IllegalArgumentException("A bounded run reads --source=FILES; stream with StreamingJob");
    }
    out.printf("FunnelPulse: %s over %s -> %s%n",
        options.getRunner().getSimpleName(), options.getInput(), options.getOutput());
    clearPreviousTables(options);
    long start = System.nanoTime();
    FlinkSettings.applyToBatch(options);
    Pipeline pipeline = Pipeline.create(options);
    FunnelPipeline.build(pipeline, options, options.getSource().transform(options));
    long built = System.nanoTime();
    PipelineResult.State state;
    PipelineResult result;
    try (SparkBatchSettings spark = SparkBatchSettings.applyToBatch(options)) {
      result = pipeline.run();
      state = result.waitUntilFinish();
    }
    long ran = System.nanoTime();
    double seconds = (ran - start) / 1e9;
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Pipeline ended in state " + state);
    }
    RunSummary summary = RunSummary.of(options, result, seconds, null);
    out.print(summary.toText());
    out.printf("  summary           %s%n", summary.writeJson());
    out.printf(Locale.ROOT, "  timing            graph built %.1f s, run %.1f s, summary %.1f s%n",
        (built - start) / 1e9, (ran - built) / 1e9, (System.nanoTime() - ran) / 1e9);
    return summary;
  }

  /**
   * A batch run owns its tables: files of an earlier run into the same directory (windows or dead
   * letters this run does not produce) are removed first, so the output is exactly this run's. The
   * earlier run's summary goes too: until this run writes its own, nothing says the output is complete.
   */
  private static void clearPreviousTables(FunnelPulseOptions options) throws IOException {
    StorageDirectory outputDir = StorageDirectory.of(options.getOutput(), options);
    outputDir.deleteChild(RunSummary.FILE_NAME);
    for (String table : OutputTables.of(options)) {
      outputDir.deleteChild(table);
    }
  }
}
