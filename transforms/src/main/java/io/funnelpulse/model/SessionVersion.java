package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * One written version of a session: its key, its summary, its version (0, 1, ... per session key and
 * start: the pane index of its rows), the timing of the pane that produced it and whether it is
 * superseded (merged into a session that starts earlier: its rows' final view leaves it out).
 *
 * @param key the session key (the {@code user_session}, or {@code user:<user_id>})
 * @param summary the session as of this version
 * @param version the version, from 0, per key and start
 * @param timing the timing of the session window's pane that produced the version
 * @param superseded whether this version only says that the session is now part of another
 */
public record SessionVersion(
    String key, SessionSummary summary, long version, PaneInfo.Timing timing, boolean superseded) {
  /** Checks that key, summary and timing are present. */
  public SessionVersion {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(timing, "timing");
  }
}
