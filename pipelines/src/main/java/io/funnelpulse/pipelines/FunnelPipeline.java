package io.funnelpulse.pipelines;

import io.funnelpulse.io.WriteDeadLetters;
import io.funnelpulse.io.WriteFunnelTable;
import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.clean.CleanEvents;
import io.funnelpulse.transforms.funnel.CountFunnel;
import io.funnelpulse.transforms.funnel.WindowFunnel;
import io.funnelpulse.transforms.parse.ParseEvents;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * Builds the FunnelPulse graph: {@code source → ParseEvents → CleanEvents → WindowFunnel → CountFunnel
 * → WriteFunnel}, with the failures of parsing and cleaning flattened into {@code WriteDeadLetters}. The
 * source is a parameter, so tests and the streaming modes swap it.
 */
public final class FunnelPipeline {
  private FunnelPipeline() {}

  /** What the graph produces, for callers that add branches or assertions. */
  public static final class Outputs {
    private final PCollection<ClickEvent> cleanEvents;
    private final PCollection<FunnelRow> funnelRows;
    private final PCollection<FailedRecord> failures;

    Outputs(
        PCollection<ClickEvent> cleanEvents,
        PCollection<FunnelRow> funnelRows,
        PCollection<FailedRecord> failures) {
      this.cleanEvents = cleanEvents;
      this.funnelRows = funnelRows;
      this.failures = failures;
    }

    public PCollection<ClickEvent> cleanEvents() {
      return cleanEvents;
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
    PCollectionTuple parsed = raw.apply("ParseEvents", ParseEvents.withFormat(options.getInputFormat()));
    PCollectionTuple cleaned = parsed.get(ParseEvents.PARSED).apply("CleanEvents", CleanEvents.create());
    PCollection<ClickEvent> events = cleaned.get(CleanEvents.CLEAN);

    PCollection<FunnelRow> rows =
        events
            .apply("WindowFunnel", windowing(options))
            .apply("CountFunnel", CountFunnel.by(options.getDimension()));
    rows.apply(
        "WriteFunnel",
        WriteFunnelTable.to(options.getOutput())
            .forDimension(options.getDimension())
            .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));

    PCollection<FailedRecord> failures =
        PCollectionList.of(parsed.get(ParseEvents.FAILED))
            .and(cleaned.get(CleanEvents.FAILED))
            .apply("CollectFailures", Flatten.pCollections());
    failures.apply("WriteDeadLetters", WriteDeadLetters.to(options.getOutput()));
    return new Outputs(events, rows, failures);
  }

  /** The windowing transform configured from options. */
  static WindowFunnel<ClickEvent> windowing(WindowingOptions options) {
    return WindowFunnel.<ClickEvent>of(Duration.standardMinutes(options.getWindowSizeMinutes()))
        .withAllowedLateness(Duration.standardMinutes(options.getAllowedLatenessMinutes()))
        .withEarlyFiringDelay(Duration.standardSeconds(options.getEarlyFiringDelaySeconds()));
  }
}
