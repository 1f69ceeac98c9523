package io.funnelpulse.pipelines;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;

/**
 * A pipeline run whose runner blocks until the job ends (Beam's Flink runner in an embedded cluster
 * has no detached mode), started on a thread of its own so that the caller can watch it like any
 * other run. Until the job ends its state is {@code RUNNING} and its metrics are the live ones given
 * (read from the cluster, as that runner reports them in its result only when the job ends), or
 * empty; then they are the job's. A job that failed rethrows its failure from {@link #waitUntilFinish}.
 */
final class RunInBackground implements PipelineResult {
  private static final MetricResults NOTHING_YET =
      new MetricResults() {
        @Override
        public MetricQueryResults queryMetrics(MetricsFilter filter) {
          return MetricQueryResults.create(List.of(), List.of(), List.of(), List.of());
        }
      };

  private final Thread thread;
  private final AtomicReference<PipelineResult> finished = new AtomicReference<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Optional<MetricResults> live;

  private RunInBackground(Supplier<PipelineResult> run, String name, Optional<MetricResults> live) {
    this.thread = new Thread(() -> runCatching(run), name);
    this.live = live;
  }

  /**
   * Starts {@code run} (a blocking {@code pipeline::run}) on a thread named {@code name}; {@code live}
   * gives its metrics while it runs, when they can be read.
   */
  static RunInBackground start(Supplier<PipelineResult> run, String name, Optional<MetricResults> live) {
    RunInBackground background = new RunInBackground(run, name, live);
    background.thread.start();
    return background;
  }

  private void runCatching(Supplier<PipelineResult> run) {
    try {
      finished.set(run.get());
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  /** Whether the job's metrics are known while it runs. */
  boolean hasLiveMetrics() {
    return live.isPresent();
  }

  @Override
  public State getState() {
    if (thread.isAlive()) {
      return State.RUNNING;
    }
    if (failure.get() != null) {
      return State.FAILED;
    }
    return finished.get().getState();
  }

  @Override
  public State cancel() throws IOException {
    throw new IOException("A stream in an embedded Flink cluster stops with its JVM; its retained checkpoint "
        + "resumes it");
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    try {
      thread.join(Math.max(1, duration.getMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return thread.isAlive() ? null : endState();
  }

  @Override
  public State waitUntilFinish() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return endState();
  }

  private State endState() {
    if (failure.get() != null) {
      throw failure.get();
    }
    return getState();
  }

  @Override
  public MetricResults metrics() {
    PipelineResult result = finished.get();
    return result != null ? result.metrics() : live.orElse(NOTHING_YET);
  }
}
