package io.funnelpulse.io.watch;

import io.funnelpulse.io.SplitOnceSource;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads a landing directory with a {@link WatchedDirectorySource} and counts the records read
 * ({@code funnelpulse.read/records_read}) in a step after the read, where every runner reports the
 * count (the Flink runner does not report metrics kept inside a source's reader).
 *
 * <pre>{@code
 * PCollection<RawRecord> raw = p.apply("ReadEvents",
 *     ReadWatchedDirectory.of(WatchedDirectorySource.of("/landing", Duration.standardMinutes(10))));
 * }</pre>
 */
public final class ReadWatchedDirectory extends PTransform<PBegin, PCollection<RawRecord>> {
  private final WatchedDirectorySource source;

  private ReadWatchedDirectory(WatchedDirectorySource source) {
    this.source = source;
  }

  /** Reads {@code source}. */
  public static ReadWatchedDirectory of(WatchedDirectorySource source) {
    return new ReadWatchedDirectory(source);
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    return begin
        .apply("ReadLandedFiles", Read.from(guarded(begin)))
        .apply("CountRecordsRead", ParDo.of(new CountRecordsReadFn()))
        .setCoder(RawRecordCoder.of());
  }

  /** The source, each split read once after a restore where the runner needs it (see {@link RunnerWorkarounds}). */
  private UnboundedSource<RawRecord, ?> guarded(PBegin begin) {
    return RunnerWorkarounds.assignsRestoredSplitsAgain(begin.getPipeline().getOptions())
        ? SplitOnceSource.of(source, "watch:" + source.directory())
        : source;
  }

  /** Passes every record on, counting it. */
  private static final class CountRecordsReadFn extends DoFn<RawRecord, RawRecord> {
    private final Counter recordsRead = Metrics.counter(MetricNames.READ, MetricNames.RECORDS_READ);

    @ProcessElement
    public void processElement(@Element RawRecord record, OutputReceiver<RawRecord> out) {
      recordsRead.inc();
      out.output(record);
    }
  }
}
