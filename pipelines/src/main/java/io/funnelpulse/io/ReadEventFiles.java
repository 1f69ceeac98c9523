package io.funnelpulse.io;

import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads event files matching a glob (plain or compressed, detected from the extension) as
 * {@link RawRecord}s carrying the file path and 1-based line number. A REES46 header line is skipped;
 * every other line, blank ones included, becomes a record, so nothing is lost unseen. Plain files are
 * cut at line ends into pieces read in parallel (see {@link #withChunkBytes}).
 *
 * <pre>{@code
 * PCollection<RawRecord> raw = p.apply("ReadEvents", ReadEventFiles.from("/data/2019-*.csv.gz"));
 * }</pre>
 */
public final class ReadEventFiles extends PTransform<PBegin, PCollection<RawRecord>> {
  /** Default size of the pieces a plain file is read in, in parallel. */
  public static final long DEFAULT_CHUNK_BYTES = 8L << 20;

  private final String filepattern;
  private final long chunkBytes;
  private final int maxLineBytes;
  private final boolean failOnUnreadableFiles;

  private ReadEventFiles(
      String filepattern, long chunkBytes, int maxLineBytes, boolean failOnUnreadableFiles) {
    this.filepattern = Objects.requireNonNull(filepattern, "filepattern");
    if (chunkBytes <= 0) {
      throw new IllegalArgumentException("Chunk size must be positive, got " + chunkBytes);
    }
    this.chunkBytes = chunkBytes;
    this.maxLineBytes = maxLineBytes;
    this.failOnUnreadableFiles = failOnUnreadableFiles;
  }

  /**
   * Reads the files matching {@code filepattern}; it is an error if nothing matches. Lines are at most
   * {@link LineReader#DEFAULT_MAX_LINE_BYTES}; a file that cannot be read to its end becomes an
   * {@code unreadable_file} record after the records read before the damage.
   */
  public static ReadEventFiles from(String filepattern) {
    return new ReadEventFiles(filepattern, DEFAULT_CHUNK_BYTES, LineReader.DEFAULT_MAX_LINE_BYTES, false);
  }

  /**
   * A copy reading plain files in pieces of about {@code bytes}, cut at line ends, so one large file
   * is read by several workers; compressed files are always read whole.
   */
  public ReadEventFiles withChunkBytes(long bytes) {
    return new ReadEventFiles(filepattern, bytes, maxLineBytes, failOnUnreadableFiles);
  }

  /** A copy that reads lines of at most {@code bytes}; longer ones become {@code line_too_long} records. */
  public ReadEventFiles withMaxLineBytes(int bytes) {
    return new ReadEventFiles(filepattern, chunkBytes, bytes, failOnUnreadableFiles);
  }

  /** A copy that fails the run on a file it cannot read to its end instead of reporting the file. */
  public ReadEventFiles failingOnUnreadableFiles(boolean fail) {
    return new ReadEventFiles(filepattern, chunkBytes, maxLineBytes, fail);
  }

  /**
   * The files are listed once, as the pipeline is built (a bounded read takes the files there are when
   * the job starts), so that no step of the job is spent matching a pattern and spreading one element.
   */
  @Override
  public PCollection<RawRecord> expand(PBegin input) {
    return input
        .apply("ListFiles", Create.of(filesMatching(filepattern)).withCoder(MetadataCoderV2.of()))
        .apply("OpenFiles", FileIO.readMatches().withCompression(Compression.AUTO))
        .apply("PlanChunks", ParDo.of(new PlanChunksFn(chunkBytes)))
        .setCoder(FileChunk.ChunkCoder.of())
        .apply("SpreadChunks", Reshuffle.viaRandomKey())
        .apply("ReadLines", ParDo.of(new ReadChunkLinesFn(maxLineBytes, failOnUnreadableFiles)))
        .setCoder(RawRecordCoder.of());
  }

  /** The files matching {@code filepattern}, in name order; an error if none does or it cannot be listed. */
  static List<MatchResult.Metadata> filesMatching(String filepattern) {
    try {
      List<MatchResult.Metadata> files =
          new ArrayList<>(FileSystems.match(filepattern, EmptyMatchTreatment.DISALLOW).metadata());
      files.sort(Comparator.comparing(file -> file.resourceId().toString()));
      return files;
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the files matching " + filepattern + ": " + e.getMessage(), e);
    }
  }
}
