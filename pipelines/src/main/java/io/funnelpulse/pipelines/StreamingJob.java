package io.funnelpulse.pipelines;

import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.model.FailureReason;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.joda.time.Duration;

/**
 * Runs the job over a streaming source ({@code --source=WATCH} or {@code KAFKA}): starts it without blocking, then
 * prints a progress line (records processed and their rate, valid, quarantined by reason including
 * {@code too_late}, partials sent to grouping, and the source's watermark, open windows, late and
 * too-late records) at an interval until it ends, and then the run summary.
 *
 * <p>A stream ends when it is stopped, or when its input is complete (the landing directory's end
 * marker): the Direct runner then finishes by itself once every window is closed; the Spark runner
 * does not, so once the source has been read {@value #READS_AFTER_END} more times after the end
 * (micro-batches run one after another, so the ones that fired the last windows are done) and the
 * funnel rows written have not changed for three micro-batches, the job is stopped here.
 */
public final class StreamingJob {
  /** How often the progress line is printed. */
  public static final Duration PROGRESS_INTERVAL = Duration.standardSeconds(10);

  /**
   * Reads of the source after its input was complete before a job that does not finish is stopped.
   * The last windows need about three micro-batches after the end to be written (the watermark moves
   * at a batch's end, the windows fire in the next, the write's flush fires a batch later). With four,
   * a cluster stream under load once ended without its last funnel windows, which a stop before the
   * last flush explains.
   */
  static final long READS_AFTER_END = 8;

  private static final Duration POLL_INTERVAL = Duration.millis(500);

  private StreamingJob() {}

  /** Builds and starts the streaming job; returns at once with its handle. */
  public static PipelineResult start(FunnelPulseOptions options) {
    if (options.getRunner() == DirectRunner.class) {
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    SparkStreamingSettings.applyTo(options);
    FlinkSettings.applyToStream(options);
    Pipeline pipeline = Pipeline.create(options);
    FunnelPipeline.build(pipeline, options, options.getSource().transform(options));
    if (FlinkSettings.isFlink(options)) {
      return RunInBackground.start(pipeline::run, "funnelpulse-flink-stream",
          FlinkSettings.restEndpoint(options).map(rest -> new FlinkRestMetrics(rest, options.getJobName())));
    }
    if (options.getRunner() != SparkRunner.class) {
      return pipeline.run();
    }
    JavaSparkContext context = SparkStreamingSettings.provideContextThatCheckpointsEveryMarkedState(options);
    boolean started = false;
    try {
      PipelineResult result = pipeline.run();
      started = true;
      return result;
    } finally {
      SparkStreamingSettings.handOverProvidedContext(context, started);
    }
  }

  /**
   * Starts the job, reports progress until it ends (input complete, cancelled, failed or killed),
   * then prints the run summary and writes it next to the outputs. Returns the final state: {@code
   * DONE} when the input was complete and every window written.
   */
  public static PipelineResult.State runUntilStopped(FunnelPulseOptions options, PrintStream out) {
    out.printf("FunnelPulse streaming: %s reading %s -> %s (stop with Ctrl-C%s)%n",
        options.getRunner().getSimpleName(), options.getSource().describe(options), options.getOutput(),
        options.getSource() == EventSource.WATCH ? ", or land " + WatchedDirectorySource.END_MARKER + " to finish" : "");
    boolean resumed = SparkStreamingSettings.resumesFromCheckpoint(options);
    if (resumed) {
      out.println("FunnelPulse streaming: resuming from the checkpoint in " + options.as(SparkPipelineOptions.class).getCheckpointDir());
    }
    boolean flink = FlinkSettings.isFlink(options);
    StopSignals signals = flink ? StopSignals.none() : StopSignals.install();
    long start = System.nanoTime();
    PipelineResult result = start(options);
    if (flink) {
      Optional<String> checkpoint = FlinkSettings.resumedFrom(options);
      resumed = checkpoint.isPresent();
      Optional<URI> rest = FlinkSettings.restEndpoint(options);
      out.println("FunnelPulse streaming: " + checkpoint.map(c -> "resuming from the checkpoint " + c + "; ").orElse("")
          + rest.map(r -> "progress from the Flink cluster's REST API at " + r)
              .orElse("the Flink runner reports its metrics when the job ends"));
    }
    PipelineResult.State state = awaitEnd(result, options, out, start, signals);
    SourceProgress source = SourceProgress.of(result);
    if (flink && state == PipelineResult.State.DONE) {
      source = source.endedByItself(
          RunMetrics.of(result).quarantinedByReason().getOrDefault(FailureReason.TOO_LATE.code(), 0L));
    }
    out.println("FunnelPulse streaming: job ended in state " + state
        + (source.inputComplete() ? ", its input complete" : "")
        + (signals.received() != null ? ", stopped by " + signals.received() : ""));
    writeSummary(options, result, (System.nanoTime() - start) / 1e9,
        new StreamFacts(source, resumed, signals.received(), resumeHint(options)), out);
    return state;
  }

  private static PipelineResult.State awaitEnd(
      PipelineResult result, FunnelPulseOptions options, PrintStream out, long start, StopSignals signals) {
    boolean finishesByItself = options.getRunner() == DirectRunner.class || FlinkSettings.isFlink(options);
    boolean metricsAreLive = !(result instanceof RunInBackground) || ((RunInBackground) result).hasLiveMetrics();
    long lastProcessed = 0;
    long nextProgress = start + PROGRESS_INTERVAL.getMillis() * 1_000_000L;
    WritesSettled writes = finishesByItself ? null : new WritesSettled(settleNanos(options));
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(POLL_INTERVAL);
      if (state != null && state.isTerminal()) {
        return state;
      }
      if (signals.received() != null) {
        out.println("FunnelPulse streaming: " + signals.received() + " received: stopping the job; "
            + resumeHint(options));
        if (options.getRunner() == SparkRunner.class) {
          stopSparkNow(result, signals.received());
        } else {
          cancel(result, "on " + signals.received());
        }
        return PipelineResult.State.CANCELLED;
      }
      SourceProgress source = SourceProgress.of(result);
      if (!finishesByItself && source.inputComplete() && source.checkpointsAfterEnd() >= READS_AFTER_END
          && writes.settled(RunMetrics.of(result), System.nanoTime())) {
        cancel(result, "after its input was complete");
        return PipelineResult.State.DONE;
      }
      long now = System.nanoTime();
      if (metricsAreLive && now >= nextProgress) {
        RunMetrics metrics = RunMetrics.of(result);
        long processed = metrics.valid() + metrics.quarantined();
        out.printf("  %6.0f s  processed %,d (%,.0f events/s)  valid %,d  quarantined %,d %s  partials %,d  %s%n",
            (now - start) / 1e9, processed,
            (processed - lastProcessed) / (double) PROGRESS_INTERVAL.getStandardSeconds(),
            metrics.valid(), metrics.quarantined(), metrics.quarantinedByReason(), metrics.partials(), source);
        lastProcessed = processed;
        nextProgress += PROGRESS_INTERVAL.getMillis() * 1_000_000L;
      }
    }
  }

  /** Three micro-batches: how long the rows written must stay unchanged before a stream at its end stops. */
  private static long settleNanos(FunnelPulseOptions options) {
    return 3 * options.as(SparkPipelineOptions.class).getBatchIntervalMillis() * 1_000_000L;
  }

  /**
   * Whether the funnel rows written have stopped changing for a while. Reads counted after the end can
   * run ahead of the writes: the counter is an attempted metric, counted again when Spark recomputes a
   * partition, and on a busy cluster the micro-batch that fires the last windows can come well after
   * the source's last reads. While valid events have been counted and no funnel row written, the
   * writes are not settled however long that lasts: every valid event belongs to a window whose pane is
   * still to come (a cluster stream under load once stopped there, with no funnel table at all).
   */
  static final class WritesSettled {
    private final long settleNanos;
    private long lastRows = -1;
    private long unchangedSince;

    WritesSettled(long settleNanos) {
      this.settleNanos = settleNanos;
    }

    boolean settled(RunMetrics metrics, long now) {
      return settled(metrics.funnelRowsWritten(), metrics.valid(), now);
    }

    boolean settled(long rows, long validEvents, long now) {
      if (rows != lastRows) {
        lastRows = rows;
        unchangedSince = now;
        return false;
      }
      if (rows == 0 && validEvents > 0) {
        return false;
      }
      return now - unchangedSince >= settleNanos;
    }
  }

  /** What starting a stopped stream again does, for its user. */
  static String resumeHint(FunnelPulseOptions options) {
    if (FlinkSettings.isFlink(options)) {
      return FlinkSettings.checkpointStorage(options)
          .map(dir -> "started again with the same arguments it resumes from its latest checkpoint under " + dir)
          .orElse("without --stateBackendStoragePath the Flink runner retains no checkpoint: started again, it "
              + "reads its input from the start");
    }
    return options.getRunner() == SparkRunner.class
        ? "started again with the same arguments it resumes from its checkpoint in "
            + options.as(SparkPipelineOptions.class).getCheckpointDir()
        : "the " + options.getRunner().getSimpleName() + " keeps no checkpoint: started again, it reads its "
            + "input from the start (use the Spark runner with --checkpointDir, or the Flink runner with "
            + "--stateBackendStoragePath, to resume)";
  }

  private static void stopSparkNow(PipelineResult result, String signal) {
    try {
      SparkStreamingSettings.stopNow(result);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop the job on " + signal, e);
    }
  }

  /** Stops the job ({@code when} says why, for the error). */
  private static void cancel(PipelineResult result, String when) {
    try {
      result.cancel();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop the job " + when, e);
    }
  }

  private static void writeSummary(
      FunnelPulseOptions options, PipelineResult result, double seconds, StreamFacts stream, PrintStream out) {
    try {
      RunSummary summary = RunSummary.of(options, result, seconds, stream);
      out.print(summary.toText());
      out.printf("  summary           %s%n", summary.writeJson());
    } catch (IOException e) {
      out.println("FunnelPulse streaming: no run summary: " + e.getMessage());
    }
  }
}
