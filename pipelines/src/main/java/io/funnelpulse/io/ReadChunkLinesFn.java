package io.funnelpulse.io;

import io.funnelpulse.model.RawRecord;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Emits each line of a {@link FileChunk} as a {@link RawRecord} with the file and its line number. On
 * the first line of a file a REES46 header (after an optional byte-order mark) is skipped; every other
 * line, blank ones included, becomes a record. Undecodable bytes become U+FFFD, never an error.
 */
final class ReadChunkLinesFn extends DoFn<FileChunk, RawRecord> {
  private static final String HEADER_PREFIX = "event_time,";
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int READ_BUFFER_CHARS = 1 << 16;

  private final Counter records =
      Metrics.counter(ReadEventFiles.METRICS_NAMESPACE, ReadEventFiles.RECORDS_READ);
  private final Counter headers =
      Metrics.counter(ReadEventFiles.METRICS_NAMESPACE, "header_lines_skipped");

  @ProcessElement
  public void processElement(@Element FileChunk chunk, OutputReceiver<RawRecord> out) {
    String source = chunk.resourceId();
    long count = 0;
    try (BufferedReader reader = open(chunk)) {
      long lineNumber = chunk.firstLine() - 1;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1) {
          if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
          }
          if (line.startsWith(HEADER_PREFIX)) {
            headers.inc();
            continue;
          }
        }
        out.output(RawRecord.of(line, source, lineNumber));
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read event file " + source + " after " + count + " records: " + e.getMessage(), e);
    } finally {
      records.inc(count);
    }
  }

  private static BufferedReader open(FileChunk chunk) throws IOException {
    ReadableByteChannel channel =
        FileSystems.open(FileSystems.matchNewResource(chunk.resourceId(), false));
    InputStream in;
    if (chunk.compressed()) {
      in = Channels.newInputStream(Compression.detect(chunk.resourceId()).readDecompressed(channel));
    } else {
      ((SeekableByteChannel) channel).position(chunk.startByte());
      in = new BoundedInputStream(Channels.newInputStream(channel), chunk.endByte() - chunk.startByte());
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedReader(new InputStreamReader(in, utf8), READ_BUFFER_CHARS);
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
