package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionFunnelCounts;
import java.util.Objects;

/**
 * What {@link SessionFunnelTotalsFn} keeps of one hourly group in one state entry: its running total,
 * the index of the last pane written and when the group cannot change any more. One entry, so that a
 * change costs one read and one write of the state (the Spark runner decodes and encodes a whole map
 * state on every access).
 *
 * @param total the group's session funnel so far
 * @param paneIndex the index of the last pane written
 * @param openUntilMillis the watermark at which the group cannot change any more
 */
public record SessionGroupTotal(SessionFunnelCounts total, long paneIndex, long openUntilMillis) {
  /** Checks that the total is present. */
  public SessionGroupTotal {
    Objects.requireNonNull(total, "total");
  }
}
