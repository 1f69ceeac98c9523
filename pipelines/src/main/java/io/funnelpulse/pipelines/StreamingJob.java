package io.funnelpulse.pipelines;

import java.io.PrintStream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * Runs the job over a streaming source ({@code --source=WATCH}): starts it without blocking, then
 * prints a progress line (records processed and their rate, valid, quarantined by reason including
 * {@code too_late}, partials sent to grouping, and the source's watermark, late and too-late records)
 * at an interval until it stops.
 */
public final class StreamingJob {
  /** How often the progress line is printed. */
  public static final Duration PROGRESS_INTERVAL = Duration.standardSeconds(10);

  private StreamingJob() {}

  /** Builds and starts the streaming job; returns at once with its handle. */
  public static PipelineResult start(FunnelPulseOptions options) {
    if (options.getRunner() == DirectRunner.class) {
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    SparkStreamingSettings.applyTo(options);
    Pipeline pipeline = Pipeline.create(options);
    FunnelPipeline.build(pipeline, options, options.getSource().transform(options));
    return pipeline.run();
  }

  /** Starts the job and reports progress until it ends (cancelled, failed or killed). */
  public static PipelineResult.State runUntilStopped(FunnelPulseOptions options, PrintStream out) {
    out.printf("FunnelPulse streaming: %s watching %s -> %s (stop with Ctrl-C)%n",
        options.getRunner().getSimpleName(), options.getInput(), options.getOutput());
    long start = System.nanoTime();
    PipelineResult result = start(options);
    long lastProcessed = 0;
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(PROGRESS_INTERVAL);
      if (state != null && state.isTerminal()) {
        out.println("FunnelPulse streaming: job ended in state " + state);
        return state;
      }
      RunMetrics metrics = RunMetrics.of(result);
      double seconds = (System.nanoTime() - start) / 1e9;
      long processed = metrics.valid() + metrics.quarantined();
      out.printf("  %6.0f s  processed %,d (%,.0f events/s)  valid %,d  quarantined %,d %s  partials %,d  %s%n",
          seconds, processed, (processed - lastProcessed) / (double) PROGRESS_INTERVAL.getStandardSeconds(),
          metrics.valid(), metrics.quarantined(), metrics.quarantinedByReason(), metrics.partials(),
          SourceProgress.of(result));
      lastProcessed = processed;
    }
  }
}
