package io.funnelpulse.replay;

import java.util.List;

/**
 * What a replay landed: files, lines, how many were held back as late, the lines held back as too late
 * (for a test or a check to compare with the dead letters), and whether the end marker landed.
 */
public final class ReplayReport {
  private final String destination;
  private final int files;
  private final long lines;
  private final long lateLines;
  private final List<String> tooLateLines;
  private final boolean endMarked;

  ReplayReport(String destination, int files, long lines, long lateLines, List<String> tooLateLines, boolean endMarked) {
    this.destination = destination;
    this.files = files;
    this.lines = lines;
    this.lateLines = lateLines;
    this.tooLateLines = List.copyOf(tooLateLines);
    this.endMarked = endMarked;
  }

  public int files() {
    return files;
  }

  public long lines() {
    return lines;
  }

  public long lateLines() {
    return lateLines;
  }

  /** The lines held back {@code --tooLateMinutes}, in landing order. */
  public List<String> tooLateLines() {
    return tooLateLines;
  }

  public boolean endMarked() {
    return endMarked;
  }

  @Override
  public String toString() {
    return String.format("Replayed %,d lines in %,d files into %s (%,d held back as late, %,d as too late)%s",
        lines, files, destination, lateLines, tooLateLines.size(),
        endMarked ? ", then the end marker" : "");
  }
}
