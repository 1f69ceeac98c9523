package io.funnelpulse.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines (ended by {@code \n}, a {@code \r} before it dropped) of at most {@code maxLineBytes}
 * bytes from a stream, decoding UTF-8 (undecodable bytes become U+FFFD). A longer line is not buffered
 * past the limit: the rest is skipped to its end and it is returned marked too long, holding its first
 * {@link #PREFIX_BYTES} bytes and its full length, so a multi-gigabyte file without a newline costs no
 * more memory than the limit.
 *
 * <pre>{@code
 * try (LineReader lines = new LineReader(in, 64 * 1024)) {
 *   for (LineReader.Line line = lines.next(); line != null; line = lines.next()) { ... }
 * }
 * }</pre>
 */
public final class LineReader implements Closeable {
  /** Default longest line: far above any real REES46 line (about 150 bytes). */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
  /** How much of a too-long line is kept. */
  public static final int PREFIX_BYTES = 1024;

  private static final int BUFFER_BYTES = 1 << 16;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLength;
  private long bytesRead;

  /** Reads {@code in}, lines of at most {@code maxLineBytes} bytes (without the line end). */
  public LineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < PREFIX_BYTES) {
      throw new IllegalArgumentException("maxLineBytes must be at least " + PREFIX_BYTES + ", got " + maxLineBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or {@code null} at the end of the stream. */
  public Line next() throws IOException {
    lineLength = 0;
    long length = 0;
    boolean sawAny = false;
    while (true) {
      if (position == limit && !fill()) {
        return sawAny ? finish(length) : null;
      }
      sawAny = true;
      int start = position;
      int newline = -1;
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      keep(start, end - start, length);
      length += end - start;
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        return finish(length);
      }
    }
  }

  /** Bytes consumed so far (line ends included): where reading stands in the (decompressed) stream. */
  public long bytesRead() {
    return bytesRead - (limit - position);
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = in.read(buffer, 0, buffer.length);
    }
    if (n < 0) {
      position = 0;
      limit = 0;
      return false;
    }
    bytesRead += n;
    position = 0;
    limit = n;
    return true;
  }

  /** Copies what still fits under the limit of {@code count} bytes at {@code start}. */
  private void keep(int start, int count, long lengthSoFar) {
    int take = (int) Math.min(count, Math.max(0, maxLineBytes - lengthSoFar));
    if (take <= 0) {
      return;
    }
    if (lineLength + take > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + take));
    }
    System.arraycopy(buffer, start, line, lineLength, take);
    lineLength += take;
  }

  private Line finish(long length) {
    int textLength = lineLength;
    if (length <= maxLineBytes && textLength > 0 && line[textLength - 1] == '\r') {
      textLength--;
    }
    if (length > maxLineBytes) {
      textLength = Math.min(lineLength, PREFIX_BYTES);
    }
    return new Line(new String(line, 0, textLength, StandardCharsets.UTF_8), length > maxLineBytes, length);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * One line: its text (a prefix if it is too long), whether it was longer than the limit, and its
   * length in bytes (without the line end).
   */
  public static final class Line {
    private final String text;
    private final boolean tooLong;
    private final long bytes;

    Line(String text, boolean tooLong, long bytes) {
      this.text = text;
      this.tooLong = tooLong;
      this.bytes = bytes;
    }

    public String text() {
      return text;
    }

    public boolean tooLong() {
      return tooLong;
    }

    public long bytes() {
      return bytes;
    }
  }
}
