package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The windowing of every table the job writes: fixed event-time windows, a pane at the watermark,
 * optional early panes a processing-time delay after the first element of a pane, a late pane for
 * every late element within the allowed lateness. Bounded input accumulates panes; a stream fires
 * discarding panes that {@link MergePartials} turns into running totals, so either way a window's
 * latest pane is its full value.
 *
 * <pre>{@code
 * partials.apply("WindowByEventTime", WindowByEventTime.<KV<String, FunnelCounts>>of(Duration.standardHours(1))
 *     .withAllowedLateness(Duration.standardHours(2))
 *     .withEarlyFiringDelay(Duration.standardSeconds(30)));
 * }</pre>
 */
public final class WindowByEventTime<T> extends PTransform<PCollection<T>, PCollection<T>> {
  /** Default window size. */
  public static final Duration DEFAULT_SIZE = Duration.standardHours(1);
  /** Default allowed lateness. */
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.standardHours(2);
  /** No early firings. */
  public static final Duration NO_EARLY_FIRINGS = Duration.ZERO;

  private final Duration size;
  private final Duration allowedLateness;
  private final Duration earlyFiringDelay;

  private WindowByEventTime(Duration size, Duration allowedLateness, Duration earlyFiringDelay) {
    this.size = Objects.requireNonNull(size, "size");
    this.allowedLateness = Objects.requireNonNull(allowedLateness, "allowedLateness");
    this.earlyFiringDelay = Objects.requireNonNull(earlyFiringDelay, "earlyFiringDelay");
    if (!size.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("Window size must be positive, got " + size);
    }
    if (allowedLateness.isShorterThan(Duration.ZERO) || earlyFiringDelay.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("Lateness and early firing delay must not be negative");
    }
  }

  /** Windows of {@code size}, default lateness, no early firings. */
  public static <T> WindowByEventTime<T> of(Duration size) {
    return new WindowByEventTime<>(size, DEFAULT_ALLOWED_LATENESS, NO_EARLY_FIRINGS);
  }

  /** A copy with the given allowed lateness (zero: late elements are dropped). */
  public WindowByEventTime<T> withAllowedLateness(Duration lateness) {
    return new WindowByEventTime<>(size, lateness, earlyFiringDelay);
  }

  /** A copy firing early panes this long after a pane's first element; zero means no early panes. */
  public WindowByEventTime<T> withEarlyFiringDelay(Duration delay) {
    return new WindowByEventTime<>(size, allowedLateness, delay);
  }

  public Duration size() {
    return size;
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }

  public Duration earlyFiringDelay() {
    return earlyFiringDelay;
  }

  /** The trigger this transform uses. */
  Trigger trigger() {
    AfterWatermark.AfterWatermarkEarlyAndLate trigger =
        AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1));
    if (earlyFiringDelay.isLongerThan(Duration.ZERO)) {
      trigger =
          trigger.withEarlyFirings(
              AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyFiringDelay));
    }
    return trigger;
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    Window<T> window =
        Window.<T>into(FixedWindows.of(size))
            .triggering(trigger())
            .withAllowedLateness(allowedLateness);
    // A stream fires discarding panes and MergePartials keeps the running totals in state
    // (RunnerWorkarounds #1); a bounded input accumulates in the runner.
    return input.apply(
        "AssignFixedWindows",
        RunnerWorkarounds.accumulatesPanesInState(input)
            ? window.discardingFiredPanes()
            : window.accumulatingFiredPanes());
  }
}
