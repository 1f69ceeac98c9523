package io.funnelpulse.io;

import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.RawRecord;

/**
 * The records a source makes of what it could not read as a line: one line over the length limit
 * ({@code line_too_long}, holding the line's start) and a file that broke off ({@code
 * unreadable_file}, at the line reached, with the error). Shared by the file and watched-directory
 * readers so both report the same way.
 */
public final class SourceRejections {
  private SourceRejections() {}

  /** A line longer than {@code maxLineBytes}, at {@code lineNumber} of {@code source}. */
  public static RawRecord lineTooLong(LineReader.Line line, String source, long lineNumber, int maxLineBytes) {
    return RawRecord.rejected(line.text(), source, lineNumber, FailureReason.LINE_TOO_LONG,
        "line of " + line.bytes() + " bytes is longer than --maxLineBytes=" + maxLineBytes
            + "; its first " + line.text().length() + " characters are kept");
  }

  /** {@code source} could not be read past line {@code lineNumber - 1}: {@code error} said why. */
  public static RawRecord unreadableFile(String source, long lineNumber, Exception error) {
    return RawRecord.rejected("", source, lineNumber, FailureReason.UNREADABLE_FILE,
        "cannot read " + source + " past line " + (lineNumber - 1) + ": " + error);
  }
}
