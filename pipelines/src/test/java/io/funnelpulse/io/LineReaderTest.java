package io.funnelpulse.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LineReader}: line ends as files have them, undecodable bytes, and lines over the limit, which
 * are cut to their start without ever being held whole (a stream of gigabytes without a newline).
 */
class LineReaderTest {
  private static final int LIMIT = 4096;

  private static List<String> lines(byte[] bytes) throws IOException {
    List<String> texts = new ArrayList<>();
    try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes), LIMIT)) {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        texts.add((line.tooLong() ? "TOO LONG " + line.bytes() + ": " : "") + line.text());
      }
    }
    return texts;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void linesEndAtNewlinesWithCarriageReturnsDroppedAndBlankLinesKept() throws Exception {
    assertThat(lines(utf8("a\r\nb\n\nc")), is(List.of("a", "b", "", "c")));
    assertThat(lines(utf8("a\n")), is(List.of("a")));
    assertThat(lines(new byte[0]), is(List.of()));
    assertThat(lines(utf8("\n")), is(List.of("")));
  }

  @Test
  void undecodableBytesBecomeReplacementCharacters() throws Exception {
    byte[] bytes = {'x', (byte) 0xFF, 'y', 0, 'z', '\n'};
    assertThat(lines(bytes), is(List.of("x\uFFFDy\u0000z")));
  }

  @Test
  void aLineOverTheLimitIsCutToItsStartAndTheNextLineIsIntact() throws Exception {
    String longLine = "b".repeat(LIMIT + 10);
    List<String> texts = lines(utf8("a\n" + longLine + "\r\nc\n"));
    assertThat(texts.size(), is(3));
    assertThat(texts.get(0), is("a"));
    assertThat(texts.get(1), is("TOO LONG " + (LIMIT + 11) + ": " + "b".repeat(LineReader.PREFIX_BYTES)));
    assertThat(texts.get(2), is("c"));
    assertThat(lines(utf8("b".repeat(LIMIT) + "\n")), is(List.of("b".repeat(LIMIT))));
  }

  @Test
  void gigabytesWithoutANewlineAreReadInBoundedMemory() throws Exception {
    long size = 2L << 30;
    InputStream endless = new InputStream() {
      private long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 'q' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'q');
        left -= n;
        return n;
      }
    };
    long heapBefore = usedHeap();
    try (LineReader reader = new LineReader(endless, LIMIT)) {
      LineReader.Line line = reader.next();
      assertThat(line.tooLong(), is(true));
      assertThat(line.bytes(), is(size));
      assertThat(line.text().length(), is(LineReader.PREFIX_BYTES));
      assertThat(reader.next(), is(nullValue()));
      assertThat(usedHeap() - heapBefore < (64L << 20), is(true));
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
