package io.funnelpulse.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A byte range of an event file that starts at the beginning of a line, with the number of that line,
 * so that chunks of one file are read in parallel and every record still knows its line. A compressed
 * file is a single chunk.
 */
final class FileChunk {
  private final String resourceId;
  private final boolean compressed;
  private final long startByte;
  private final long endByte;
  private final long firstLine;

  FileChunk(String resourceId, boolean compressed, long startByte, long endByte, long firstLine) {
    this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
    this.compressed = compressed;
    this.startByte = startByte;
    this.endByte = endByte;
    this.firstLine = firstLine;
  }

  String resourceId() {
    return resourceId;
  }

  boolean compressed() {
    return compressed;
  }

  long startByte() {
    return startByte;
  }

  /** Exclusive end; {@link Long#MAX_VALUE} for the whole (compressed) file. */
  long endByte() {
    return endByte;
  }

  long firstLine() {
    return firstLine;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileChunk)) {
      return false;
    }
    FileChunk that = (FileChunk) o;
    return compressed == that.compressed
        && startByte == that.startByte
        && endByte == that.endByte
        && firstLine == that.firstLine
        && resourceId.equals(that.resourceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resourceId, startByte, endByte, firstLine);
  }

  @Override
  public String toString() {
    return resourceId + "[" + startByte + "," + endByte + ") from line " + firstLine;
  }

  /** Deterministic coder for {@link FileChunk}. */
  static final class ChunkCoder extends AtomicCoder<FileChunk> {
    private static final ChunkCoder INSTANCE = new ChunkCoder();

    static ChunkCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FileChunk value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value.resourceId, out);
      BooleanCoder.of().encode(value.compressed, out);
      VarLongCoder.of().encode(value.startByte, out);
      VarLongCoder.of().encode(value.endByte, out);
      VarLongCoder.of().encode(value.firstLine, out);
    }

    @Override
    public FileChunk decode(InputStream in) throws IOException {
      return new FileChunk(
          StringUtf8Coder.of().decode(in),
          BooleanCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
