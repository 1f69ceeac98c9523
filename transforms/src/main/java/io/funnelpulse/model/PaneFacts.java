package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * The facts of a pane written into every output row: timing (EARLY, ON_TIME, LATE, UNKNOWN), index
 * and whether it is the window's final pane.
 */
public final class PaneFacts {
  private final PaneInfo.Timing timing;
  private final long index;
  private final boolean isFinal;

  private PaneFacts(PaneInfo.Timing timing, long index, boolean isFinal) {
    this.timing = Objects.requireNonNull(timing, "timing");
    this.index = index;
    this.isFinal = isFinal;
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

  /** EARLY, ON_TIME, LATE or UNKNOWN; tables hold its name. */
  public PaneInfo.Timing timing() {
    return timing;
  }

  public long index() {
    return index;
  }

  public boolean isFinal() {
    return isFinal;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PaneFacts)) {
      return false;
    }
    PaneFacts that = (PaneFacts) o;
    return index == that.index && isFinal == that.isFinal && timing.equals(that.timing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timing, index, isFinal);
  }

  @Override
  public String toString() {
    return timing + "#" + index + (isFinal ? "(final)" : "");
  }
}
