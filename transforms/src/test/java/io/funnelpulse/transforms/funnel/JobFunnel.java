package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import io.funnelpulse.transforms.parse.InputFormat;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The funnel branch of the job's graph ({@code FunnelPipeline.build}) over raw records, for the pane
 * tests: {@link PreAggregate} parses, cleans and sums each record's contribution per bundle, window
 * and key ({@link FunnelPartials}), then {@link SumFunnel} windows and sums the partials. The job adds
 * more aggregations to the same {@code PreAggregate}; they do not change the funnel's partials.
 */
final class JobFunnel extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  /** Funnel rows, one per window, key and pane. */
  static final TupleTag<FunnelRow> ROWS = new TupleTag<FunnelRow>() {};
  /** Records that failed parsing or cleaning. */
  static final TupleTag<FailedRecord> FAILED = PreAggregate.FAILED;

  private final FunnelDimension dimension;
  private final WindowByEventTime<KV<String, FunnelCounts>> windowing;

  JobFunnel(FunnelDimension dimension, WindowByEventTime<KV<String, FunnelCounts>> windowing) {
    this.dimension = dimension;
    this.windowing = windowing;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> raw) {
    FunnelPartials funnelSums = FunnelPartials.by(dimension);
    PCollectionTuple partials =
        raw.apply("ParseCleanAndPreAggregate", PreAggregate.of(InputFormat.AUTO, windowing.size()).with(funnelSums));
    PCollection<FunnelRow> rows = partials.get(funnelSums.tag()).apply("SumFunnel", SumFunnel.windowedBy(windowing));
    return PCollectionTuple.of(ROWS, rows).and(FAILED, partials.get(FAILED));
  }
}
