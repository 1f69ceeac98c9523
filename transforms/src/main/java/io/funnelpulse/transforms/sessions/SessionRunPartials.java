package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.transforms.aggregate.BundleAggregation;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.joda.time.Duration;

/**
 * Per-bundle runs of each session key's events within a fixed window: the events of one key that lie
 * within the gap of each other, already merged into {@link SessionSummary}s, so that the session
 * windows group a few runs per key and bundle instead of every event. Events with neither session nor
 * user id belong to no session and are left out (they still count in the funnel).
 */
public final class SessionRunPartials extends BundleAggregation<String, SessionRuns> {
  private static final long serialVersionUID = 1L;

  private final long gapMillis;

  private SessionRunPartials(Duration gap) {
    super("sessionRunPartials");
    this.gapMillis = gap.getMillis();
  }

  /** Runs of events no more than {@code gap} apart. */
  public static SessionRunPartials withGap(Duration gap) {
    return new SessionRunPartials(gap);
  }

  @Override
  protected Coder<String> keyCoder() {
    return StringUtf8Coder.of();
  }

  @Override
  protected Coder<SessionRuns> valueCoder() {
    return SessionRunsCoder.of();
  }

  @Override
  protected boolean accepts(ClickEvent event) {
    return SessionKeys.keyOf(event) != null;
  }

  @Override
  protected String keyOf(ClickEvent event) {
    return SessionKeys.keyOf(event);
  }

  @Override
  protected SessionRuns empty() {
    return SessionRuns.empty();
  }

  @Override
  protected SessionRuns addTo(SessionRuns partial, ClickEvent event) {
    return partial.with(event, gapMillis);
  }
}
