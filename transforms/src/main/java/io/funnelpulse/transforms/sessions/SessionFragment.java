package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionSummary;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * What one pane of a session window held: the session key, the summary of the events the pane brought
 * (panes discard, so a later pane of the same session brings only what came since) and the pane's
 * timing. {@link SessionLedgerFn} merges fragments into whole sessions.
 *
 * @param key the session key
 * @param summary the events of the pane
 * @param timing the pane's timing
 */
public record SessionFragment(String key, SessionSummary summary, PaneInfo.Timing timing) {
  /** Checks that every part is present. */
  public SessionFragment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(timing, "timing");
  }
}
