package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Cuts a file into {@link FileChunk}s of about {@code chunkBytes} that end just after a line break,
 * counting line breaks on the way so each chunk knows its first line number (one fast pass over the
 * bytes, eight at a time away from a chunk's end). A compressed file cannot be entered in the middle
 * and stays one chunk.
 */
final class PlanChunksFn extends DoFn<FileIO.ReadableFile, FileChunk> {
  private static final int SCAN_BUFFER_BYTES = 1 << 20;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LINE_BREAKS = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

  private final Counter files = Metrics.counter(MetricNames.READ, MetricNames.FILES_READ);
  private final long chunkBytes;

  PlanChunksFn(long chunkBytes) {
    this.chunkBytes = chunkBytes;
  }

  /** How many of the 8 bytes of {@code word} are line breaks, without a branch per byte. */
  static int lineBreaksIn(long word) {
    long zeroWhereBreak = word ^ LINE_BREAKS;
    long highBitWhereNotZero = ((zeroWhereBreak & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | zeroWhereBreak;
    return Long.bitCount(~(highBitWhereNotZero | LOW_SEVEN_BITS));
  }

  @ProcessElement
  public void processElement(@Element FileIO.ReadableFile file, OutputReceiver<FileChunk> out) {
    files.inc();
    String id = file.getMetadata().resourceId().toString();
    if (file.getCompression() != Compression.UNCOMPRESSED) {
      out.output(new FileChunk(id, true, 0, Long.MAX_VALUE, 1));
      return;
    }
    long chunkStart = 0;
    long chunkFirstLine = 1;
    try (ReadableByteChannel channel = file.open()) {
      ByteBuffer buffer = ByteBuffer.allocate(SCAN_BUFFER_BYTES);
      long position = 0;
      long linesBefore = 0; // line breaks before the current position
      int read;
      while ((read = channel.read(buffer)) != -1) {
        byte[] bytes = buffer.array();
        int i = 0;
        while (i < read) {
          if (i + Long.BYTES <= read && position + i + Long.BYTES - chunkStart < chunkBytes) {
            // No chunk can end within these 8 bytes: only count their line breaks.
            linesBefore += lineBreaksIn((long) LONGS.get(bytes, i));
            i += Long.BYTES;
            continue;
          }
          if (bytes[i] == '\n') {
            linesBefore++;
            long next = position + i + 1;
            if (next - chunkStart >= chunkBytes) {
              out.output(new FileChunk(id, false, chunkStart, next, chunkFirstLine));
              chunkStart = next;
              chunkFirstLine = linesBefore + 1;
            }
          }
          i++;
        }
        position += read;
        buffer.clear();
      }
      if (position > chunkStart) {
        out.output(new FileChunk(id, false, chunkStart, position, chunkFirstLine));
      }
    } catch (IOException e) {
      // The rest of the file as one chunk: reading it meets the same error and reports it where it
      // belongs, with the file's records read before it (see ReadChunkLinesFn).
      out.output(new FileChunk(id, false, chunkStart, Long.MAX_VALUE, chunkFirstLine));
    }
  }
}
