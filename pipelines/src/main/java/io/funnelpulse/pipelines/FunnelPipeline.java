package io.funnelpulse.pipelines;

import io.funnelpulse.io.WriteDeadLetters;
import io.funnelpulse.io.WriteFunnelTable;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.funnel.FunnelFromRawRecords;
import io.funnelpulse.transforms.funnel.WindowFunnel;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * Builds the FunnelPulse graph: {@code source → CountFunnel (parse, clean, pre-sum per window and key →
 * WindowFunnel → SumFunnel) → WriteFunnel}, with the failures of parsing and cleaning going to
 * {@code WriteDeadLetters}. The source is a parameter, so tests and the streaming modes swap it.
 */
public final class FunnelPipeline {
  private FunnelPipeline() {}

  /** What the graph produces, for callers that add branches or assertions. */
  public static final class Outputs {
    private final PCollection<FunnelRow> funnelRows;
    private final PCollection<FailedRecord> failures;

    Outputs(PCollection<FunnelRow> funnelRows, PCollection<FailedRecord> failures) {
      this.funnelRows = funnelRows;
      this.failures = failures;
    }

    public PCollection<FunnelRow> funnelRows() {
      return funnelRows;
    }

    public PCollection<FailedRecord> failures() {
      return failures;
    }
  }

  /** Adds the whole job to {@code pipeline}, reading from {@code source}, writing under the output. */
  public static Outputs build(
      Pipeline pipeline,
      FunnelPulseOptions options,
      PTransform<PBegin, PCollection<RawRecord>> source) {
    PCollection<RawRecord> raw = pipeline.apply("ReadEvents", source);
    PCollectionTuple funnel =
        raw.apply(
            "CountFunnel",
            FunnelFromRawRecords.of(
                options.getInputFormat(), options.getDimension(), FunnelPipeline.windowing(options)));
    PCollection<FunnelRow> rows = funnel.get(FunnelFromRawRecords.ROWS);
    rows.apply(
        "WriteFunnel",
        WriteFunnelTable.to(options.getOutput())
            .forDimension(options.getDimension())
            .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));
    PCollection<FailedRecord> failures = funnel.get(FunnelFromRawRecords.FAILED);
    failures.apply("WriteDeadLetters", WriteDeadLetters.to(options.getOutput()));
    return new Outputs(rows, failures);
  }

  /** The windowing transform configured from options. */
  static <T> WindowFunnel<T> windowing(WindowingOptions options) {
    return WindowFunnel.<T>of(Duration.standardMinutes(options.getWindowSizeMinutes()))
        .withAllowedLateness(Duration.standardMinutes(options.getAllowedLatenessMinutes()))
        .withEarlyFiringDelay(Duration.standardSeconds(options.getEarlyFiringDelaySeconds()));
  }
}
