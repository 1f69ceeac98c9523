package io.funnelpulse.io;

import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads event files matching a glob (plain or compressed, detected from the extension) as
 * {@link RawRecord}s carrying the file path and 1-based line number. A REES46 header line is skipped;
 * every other line, blank ones included, becomes a record, so nothing is lost unseen.
 *
 * <pre>{@code
 * PCollection<RawRecord> raw = p.apply("ReadEvents", ReadEventFiles.from("/data/2019-*.csv.gz"));
 * }</pre>
 */
public final class ReadEventFiles extends PTransform<PBegin, PCollection<RawRecord>> {
  /** Namespace of the read counters. */
  public static final String METRICS_NAMESPACE = "funnelpulse.read";
  /** Counter of records read. */
  public static final String RECORDS_READ = "records_read";

  private static final String HEADER_PREFIX = "event_time,";
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int READ_BUFFER_CHARS = 1 << 20;

  private final String filepattern;

  private ReadEventFiles(String filepattern) {
    this.filepattern = Objects.requireNonNull(filepattern, "filepattern");
  }

  /** Reads the files matching {@code filepattern}; it is an error if nothing matches. */
  public static ReadEventFiles from(String filepattern) {
    return new ReadEventFiles(filepattern);
  }

  @Override
  public PCollection<RawRecord> expand(PBegin input) {
    return input
        .apply(
            "MatchFiles",
            FileIO.match().filepattern(filepattern).withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("OpenFiles", FileIO.readMatches().withCompression(Compression.AUTO))
        .apply("ReadLines", ParDo.of(new ReadLinesFn()))
        .setCoder(RawRecordCoder.of());
  }

  /** Emits each line of a file with its position. */
  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, RawRecord> {
    private final Counter records = Metrics.counter(METRICS_NAMESPACE, RECORDS_READ);
    private final Counter files = Metrics.counter(METRICS_NAMESPACE, "files_read");
    private final Counter headers = Metrics.counter(METRICS_NAMESPACE, "header_lines_skipped");

    @ProcessElement
    public void processElement(@Element FileIO.ReadableFile file, OutputReceiver<RawRecord> out) {
      String source = file.getMetadata().resourceId().toString();
      long count = 0;
      CharsetDecoder utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      try (BufferedReader reader =
          new BufferedReader(Channels.newReader(file.open(), utf8, -1), READ_BUFFER_CHARS)) {
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
          lineNumber++;
          if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
          }
          if (lineNumber == 1 && line.startsWith(HEADER_PREFIX)) {
            headers.inc();
            continue;
          }
          out.output(RawRecord.of(line, source, lineNumber));
          count++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read event file " + source + " after " + count + " records: " + e.getMessage(), e);
      }
      records.inc(count);
      files.inc();
    }
  }
}
