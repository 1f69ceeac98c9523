package io.funnelpulse.pipelines;

import io.funnelpulse.io.WriteDeadLetters;
import io.funnelpulse.io.WriteFunnelTable;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.transforms.funnel.FunnelPartials;
import io.funnelpulse.transforms.funnel.SumFunnel;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * Builds the FunnelPulse graph: {@code source → ParseCleanAndPreAggregate (parse, clean, pre-aggregate
 * per bundle, window and key) → SumFunnel (window by event time, merge the partials) → WriteFunnel}, with the failures of parsing
 * and cleaning going to {@code WriteDeadLetters}, the side branches of {@link ClickstreamBranches}
 * (visitors, page views, Top-N) fed by the same pass, and the {@link AnomalyBranch} off the funnel rows. The source is a parameter, so tests and the streaming modes swap it.
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
    FunnelPartials funnelSums = FunnelPartials.by(options.getDimension());
    PreAggregate preAggregate =
        PreAggregate.of(options.getSource().inputFormat(options), Duration.standardMinutes(options.getWindowSizeMinutes()))
            .with(funnelSums)
            .mergingWithinBundle(options.getPreAggregate());
    FunnelPartials brandSums = options.getDimension() == FunnelDimension.BRAND ? funnelSums
        : FunnelPartials.named("brandFunnelPartials", FunnelDimension.BRAND);
    boolean sliding = SlidingConversionBranch.enabled(options);
    if (sliding && brandSums != funnelSums) {
      preAggregate = preAggregate.with(brandSums);
    }
    ClickstreamBranches clickstream = options.getClickstreamTables() ? new ClickstreamBranches(options) : null;
    if (clickstream != null) {
      preAggregate = clickstream.addTo(preAggregate);
    }
    SessionBranch sessions = SessionBranch.enabled(options) ? new SessionBranch(options) : null;
    if (sessions != null) {
      preAggregate = sessions.addTo(preAggregate);
    }
    PCollectionTuple partials = raw.apply("ParseCleanAndPreAggregate", preAggregate);
    PCollection<FunnelRow> rows =
        partials
            .get(funnelSums.tag())
            .apply("SumFunnel", SumFunnel.windowedBy(FunnelPipeline.windowing(options)));
    rows.apply(
        "WriteFunnel",
        WriteFunnelTable.to(options.getOutput())
            .forDimension(options.getDimension())
            .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));
    if (AnomalyBranch.enabled(options)) {
      AnomalyBranch.addTo(rows, options);
    }
    PCollection<FailedRecord> failures = partials.get(PreAggregate.FAILED);
    failures.apply("WriteDeadLetters", WriteDeadLetters.to(options.getOutput()));
    if (clickstream != null) {
      clickstream.expand(partials);
    }
    if (sliding) {
      SlidingConversionBranch.addTo(partials.get(brandSums.tag()), options);
    }
    if (sessions != null) {
      sessions.expand(partials);
    }
    return new Outputs(rows, failures);
  }

  /** The windowing transform configured from options. */
  static <T> WindowByEventTime<T> windowing(WindowingOptions options) {
    return windowing(options, Duration.standardMinutes(options.getWindowSizeMinutes()));
  }

  /** The configured lateness and early firings over windows of {@code size}. */
  static <T> WindowByEventTime<T> windowing(WindowingOptions options, Duration size) {
    return WindowByEventTime.<T>of(size)
        .withAllowedLateness(Duration.standardMinutes(options.getAllowedLatenessMinutes()))
        .withEarlyFiringDelay(Duration.standardSeconds(options.getEarlyFiringDelaySeconds()));
  }
}
