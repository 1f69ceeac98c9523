package io.funnelpulse.replay;

import java.nio.file.Path;

/** What a replay landed: files, lines, and how many of them were held back as late. */
public final class ReplayReport {
  private final Path landing;
  private final int files;
  private final long lines;
  private final long lateLines;

  ReplayReport(Path landing, int files, long lines, long lateLines) {
    this.landing = landing;
    this.files = files;
    this.lines = lines;
    this.lateLines = lateLines;
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

  @Override
  public String toString() {
    return String.format("Replayed %,d lines in %,d files into %s (%,d held back as late)", lines, files,
        landing.toAbsolutePath(), lateLines);
  }
}
