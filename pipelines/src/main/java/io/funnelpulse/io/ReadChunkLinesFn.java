package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.RawRecord;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Emits each line of a {@link FileChunk} as a {@link RawRecord} with the file and its line number. On
 * the first line of a file a REES46 header (after an optional byte-order mark) is skipped; every other
 * line, blank ones included, becomes a record. Undecodable bytes become U+FFFD, never an error. A line
 * longer than the limit becomes a {@code line_too_long} record holding its start. A file that cannot be
 * read to its end (truncated or corrupt compression, no permission) keeps the records read before the
 * damage and adds one {@code unreadable_file} record at the line reached, with the error; or, when told
 * to fail on such files, fails the run naming the file.
 */
final class ReadChunkLinesFn extends DoFn<FileChunk, RawRecord> {
  private static final String HEADER_PREFIX = "event_time,";
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Counter records =
      Metrics.counter(MetricNames.READ, MetricNames.RECORDS_READ);
  private final Counter headers =
      Metrics.counter(MetricNames.READ, MetricNames.HEADER_LINES_SKIPPED);
  private final int maxLineBytes;
  private final boolean failOnUnreadableFiles;

  ReadChunkLinesFn(int maxLineBytes, boolean failOnUnreadableFiles) {
    this.maxLineBytes = maxLineBytes;
    this.failOnUnreadableFiles = failOnUnreadableFiles;
  }

  @ProcessElement
  public void processElement(@Element FileChunk chunk, OutputReceiver<RawRecord> out) {
    String source = chunk.resourceId();
    long count = 0;
    long lineNumber = chunk.firstLine() - 1;
    LineReader reader = null;
    try {
      reader = open(chunk, maxLineBytes);
      LineReader.Line line;
      while ((line = reader.next()) != null) {
        lineNumber++;
        String text = line.text();
        if (lineNumber == 1 && !line.tooLong()) {
          if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
          }
          if (text.startsWith(HEADER_PREFIX)) {
            headers.inc();
            continue;
          }
        }
        out.output(line.tooLong()
            ? SourceRejections.lineTooLong(line, source, lineNumber, maxLineBytes)
            : RawRecord.of(text, source, lineNumber));
        count++;
      }
    } catch (IOException e) {
      if (failOnUnreadableFiles) {
        throw new UncheckedIOException(
            "Cannot read event file " + source + " after " + count + " records: " + e, e);
      }
      out.output(SourceRejections.unreadableFile(source, lineNumber + 1, e));
      count++;
    } finally {
      records.inc(count);
      closeQuietly(reader);
    }
  }

  private static void closeQuietly(LineReader reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      // A damaged file may fail again as it closes; what it held is already reported.
    }
  }

  private static LineReader open(FileChunk chunk, int maxLineBytes) throws IOException {
    ReadableByteChannel channel =
        FileSystems.open(FileSystems.matchNewResource(chunk.resourceId(), false));
    InputStream in;
    if (chunk.compressed()) {
      in = Channels.newInputStream(Compression.detect(chunk.resourceId()).readDecompressed(channel));
    } else {
      ((SeekableByteChannel) channel).position(chunk.startByte());
      in = new BoundedInputStream(Channels.newInputStream(channel), chunk.endByte() - chunk.startByte());
    }
    return new LineReader(in, maxLineBytes);
  }

  /** Reads at most a given number of bytes. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
