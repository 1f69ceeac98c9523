package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionFunnelCounts;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * A change of one group of the hourly session funnel (a brand and a window of session starts): a
 * session added, or taken away because a newer shape of it replaces it. Carries when the group can no
 * longer change ({@code openUntilMillis}, in event time) and the ledger's clock, so that the totals
 * leave state once closed.
 *
 * @param brand the brand, {@code null} for a missing one
 * @param windowStartMillis the start of the window of session starts
 * @param change the counts added (negative parts: taken away)
 * @param openUntilMillis the watermark at which the group cannot change any more
 * @param clockMillis a watermark the ledger knows has been passed
 * @param timing the timing of the session pane that caused the change
 */
public record SessionFunnelDelta(
    String brand, long windowStartMillis, SessionFunnelCounts change, long openUntilMillis, long clockMillis,
    PaneInfo.Timing timing) {
  /** Checks that change and timing are present. */
  public SessionFunnelDelta {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(timing, "timing");
  }

  /**
   * This change followed by {@code later}, a change of the same group: the counts added up, the later
   * of the closing times and clocks, and the later change's timing.
   */
  public SessionFunnelDelta plus(SessionFunnelDelta later) {
    return new SessionFunnelDelta(brand, windowStartMillis, change.plus(later.change()),
        Math.max(openUntilMillis, later.openUntilMillis()), Math.max(clockMillis, later.clockMillis()),
        later.timing());
  }

  /** The key the totals are kept by: the brand, or the empty text (no brand is ever empty) for none. */
  public String groupKey() {
    return brand == null ? "" : brand;
  }
}
