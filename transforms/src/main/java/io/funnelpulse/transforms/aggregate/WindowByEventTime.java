package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The windowing of every table the job writes: fixed event-time windows (or sliding ones, {@link
 * #slidingEvery}), a pane at the watermark,
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
  private final Duration period;

  private WindowByEventTime(Duration size, Duration allowedLateness, Duration earlyFiringDelay, Duration period) {
    this.size = Objects.requireNonNull(size, "size");
    this.period = period;
    if (period != null && (!period.isLongerThan(Duration.ZERO) || size.getMillis() % period.getMillis() != 0)) {
      throw new IllegalArgumentException("A sliding window's period must be positive and divide its size "
          + size + ", got " + period);
    }
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
    return new WindowByEventTime<>(size, DEFAULT_ALLOWED_LATENESS, NO_EARLY_FIRINGS, null);
  }

  /** A copy with the given allowed lateness (zero: late elements are dropped). */
  public WindowByEventTime<T> withAllowedLateness(Duration lateness) {
    return new WindowByEventTime<>(size, lateness, earlyFiringDelay, period);
  }

  /** A copy firing early panes this long after a pane's first element; zero means no early panes. */
  public WindowByEventTime<T> withEarlyFiringDelay(Duration delay) {
    return new WindowByEventTime<>(size, allowedLateness, delay, period);
  }

  /**
   * A copy with sliding windows of the same size, one starting every {@code period} (which must divide
   * the size). Partials timestamped with the start of a fixed window of {@code w} land in exactly the
   * sliding windows that hold their events when {@code period} is a multiple of {@code w}, and then a
   * partial that is not too late for its fixed window is not too late for any of its sliding ones.
   */
  public WindowByEventTime<T> slidingEvery(Duration period) {
    return new WindowByEventTime<>(size, allowedLateness, earlyFiringDelay, Objects.requireNonNull(period, "period"));
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

  /** How often a sliding window starts; the size for fixed windows (one starts where the last ends). */
  public Duration period() {
    return period == null ? size : period;
  }

  /** The trigger this transform uses. */
  Trigger trigger() {
    return firings(earlyFiringDelay);
  }

  /**
   * The firings of every table: a pane at the watermark, a late pane for every late element, and with a
   * positive {@code earlyFiringDelay} early panes that long after a pane's first element. The session
   * windows fire the same way.
   */
  public static Trigger firings(Duration earlyFiringDelay) {
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
        Window.<T>into(period == null ? FixedWindows.of(size) : SlidingWindows.of(size).every(period))
            .triggering(trigger())
            .withAllowedLateness(allowedLateness);
    // A stream fires discarding panes and MergePartials keeps the running totals in state
    // (RunnerWorkarounds #1); a bounded input accumulates in the runner.
    return input.apply(
        period == null ? "AssignFixedWindows" : "AssignSlidingWindows",
        RunnerWorkarounds.accumulatesPanesInState(input)
            ? window.discardingFiredPanes()
            : window.accumulatingFiredPanes());
  }
}
