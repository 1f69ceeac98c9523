package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionSummary;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.MergeOverlappingIntervalWindows;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Beam's session windows over runs of events instead of single events: a run (a {@link SessionSummary}
 * of events within the gap of each other) is assigned {@code [first event, last event + gap + 1 ms)},
 * and overlapping windows merge, as {@code Sessions} merges the {@code [t, t + gap)} of single events.
 * The extra millisecond makes two events exactly the gap apart one session (a session splits where
 * consecutive events are <em>more</em> than the gap apart); {@code Sessions} would split them. The
 * element's timestamp must be its run's first event.
 */
public final class SessionWindows extends WindowFn<KV<String, SessionSummary>, IntervalWindow> {
  private final Duration gap;

  private SessionWindows(Duration gap) {
    this.gap = gap;
  }

  /** Sessions that end after {@code gap} without an event. */
  public static SessionWindows withGap(Duration gap) {
    if (!gap.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("The session gap must be positive, got " + gap);
    }
    return new SessionWindows(gap);
  }

  /** The window of a run: from its first event to the gap (and a millisecond) after its last. */
  public IntervalWindow windowOf(SessionSummary run) {
    return new IntervalWindow(new Instant(run.startMillis()), new Instant(run.lastMillis() + gap.getMillis() + 1));
  }

  public Duration gap() {
    return gap;
  }

  @Override
  public Collection<IntervalWindow> assignWindows(AssignContext c) {
    return List.of(windowOf(c.element().getValue()));
  }

  @Override
  public void mergeWindows(MergeContext c) throws Exception {
    MergeOverlappingIntervalWindows.mergeWindows(c);
  }

  @Override
  public boolean isCompatible(WindowFn<?, ?> other) {
    return other instanceof SessionWindows && gap.equals(((SessionWindows) other).gap);
  }

  @Override
  public Coder<IntervalWindow> windowCoder() {
    return IntervalWindow.getCoder();
  }

  @Override
  public WindowMappingFn<IntervalWindow> getDefaultWindowMappingFn() {
    throw new UnsupportedOperationException("Session windows cannot be used as side inputs");
  }

  @Override
  public boolean assignsToOneWindow() {
    return true;
  }
}
