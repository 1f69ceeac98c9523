package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * The facts of a pane written into every output row: timing (EARLY, ON_TIME, LATE, UNKNOWN; tables hold
 * its name), index and whether it is the window's final pane.
 *
 * @param timing EARLY, ON_TIME, LATE or UNKNOWN
 * @param index the pane's index within its window and key, from 0
 * @param isFinal whether the runner said this is the window's last pane
 */
public record PaneFacts(PaneInfo.Timing timing, long index, boolean isFinal) {
  /** Checks that the timing is present. */
  public PaneFacts {
    Objects.requireNonNull(timing, "timing");
  }

  /** Facts given explicitly. */
  public static PaneFacts of(PaneInfo.Timing timing, long index, boolean isFinal) {
    return new PaneFacts(timing, index, isFinal);
  }

  /** Facts given explicitly, the timing by name: EARLY, ON_TIME, LATE or UNKNOWN (as written in tables). */
  public static PaneFacts of(String timing, long index, boolean isFinal) {
    return new PaneFacts(PaneInfo.Timing.valueOf(timing), index, isFinal);
  }

  /** The facts of a Beam pane. */
  public static PaneFacts of(PaneInfo pane) {
    return new PaneFacts(pane.getTiming(), pane.getIndex(), pane.isLast());
  }

  @Override
  public String toString() {
    return timing + "#" + index + (isFinal ? "(final)" : "");
  }
}
