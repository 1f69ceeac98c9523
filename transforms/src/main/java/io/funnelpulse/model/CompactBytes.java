package io.funnelpulse.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.util.VarInt;

/**
 * A value's fields as one length-prefixed block of variable-length integers and texts, for coders of
 * values that the job encodes and decodes by the million (session summaries): the block is read from
 * the stream in one call and its fields from the array, instead of a stream call per byte of every field.
 */
final class CompactBytes {
  private CompactBytes() {}

  /** {@code value} as a non-negative number that is small when {@code value} is near 0, either sign. */
  static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  /** The value {@link #zigzag} turned into {@code encoded}. */
  static long unzigzag(long encoded) {
    return (encoded >>> 1) ^ -(encoded & 1);
  }

  /** Collects the fields of one value, then writes them as one block. */
  static final class Writer {
    private byte[] bytes = new byte[64];
    private int size;

    void writeLong(long value) {
      ensure(10);
      long rest = value;
      while ((rest & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
        rest >>>= 7;
      }
      bytes[size++] = (byte) rest;
    }

    /** A value that may be negative, in few bytes whatever its sign. */
    void writeSignedLong(long value) {
      writeLong(zigzag(value));
    }

    /** A text that may be {@code null}. */
    void writeText(String text) {
      if (text == null) {
        writeLong(0);
        return;
      }
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      writeLong(utf8.length + 1L);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    /** Writes the block: its length, then its bytes. */
    void writeTo(OutputStream out) throws IOException {
      VarInt.encode(size, out);
      out.write(bytes, 0, size);
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Reads the fields of one block, in the order they were written. */
  static final class Reader {
    private final byte[] bytes;
    private int at;

    private Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    /** Reads the next block from {@code in}. */
    static Reader readFrom(InputStream in) throws IOException {
      int length = VarInt.decodeInt(in);
      byte[] bytes = new byte[length];
      if (in.readNBytes(bytes, 0, length) != length) {
        throw new EOFException("a block of " + length + " bytes ends early");
      }
      return new Reader(bytes);
    }

    long readLong() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= bytes.length) {
          throw new EOFException("a number runs past the end of its block");
        }
        byte b = bytes[at++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IOException("a number longer than 64 bits");
    }

    long readSignedLong() throws IOException {
      return unzigzag(readLong());
    }

    int readInt() throws IOException {
      return Math.toIntExact(readLong());
    }

    String readText() throws IOException {
      long marker = readLong();
      if (marker == 0) {
        return null;
      }
      int length = Math.toIntExact(marker - 1);
      if (length > bytes.length - at) {
        throw new EOFException("a text runs past the end of its block");
      }
      String text = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return text;
    }
  }
}
