package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The funnel straight from raw records in one pass: {@link PreAggregate} parses and cleans each record
 * and sums its contribution per window and key within the bundle ({@link FunnelPartials}); failures go
 * to {@link #FAILED}. The partial sums then go through the configured {@link WindowFunnel} and
 * {@link SumFunnel}, so panes, lateness and the rows are those of {@link CountFunnel} over clean
 * events.
 *
 * <pre>{@code
 * PCollectionTuple funnel = raw.apply("CountFunnel",
 *     FunnelFromRawRecords.of(InputFormat.AUTO, FunnelDimension.BRAND, WindowFunnel.of(Duration.standardHours(1))));
 * PCollection<FunnelRow> rows = funnel.get(FunnelFromRawRecords.ROWS);
 * PCollection<FailedRecord> failures = funnel.get(FunnelFromRawRecords.FAILED);
 * }</pre>
 */
public final class FunnelFromRawRecords extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  /** Funnel rows, one per window, key and pane. */
  public static final TupleTag<FunnelRow> ROWS = new TupleTag<FunnelRow>() {};
  /** Records that failed parsing or cleaning. */
  public static final TupleTag<FailedRecord> FAILED = PreAggregate.FAILED;

  private final InputFormat format;
  private final FunnelDimension dimension;
  private final WindowFunnel<KV<String, FunnelCounts>> windowing;

  private FunnelFromRawRecords(
      InputFormat format, FunnelDimension dimension, WindowFunnel<KV<String, FunnelCounts>> windowing) {
    this.format = Objects.requireNonNull(format, "format");
    this.dimension = Objects.requireNonNull(dimension, "dimension");
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** The funnel of records in {@code format}, per {@code dimension}, windowed by {@code windowing}. */
  public static FunnelFromRawRecords of(
      InputFormat format, FunnelDimension dimension, WindowFunnel<KV<String, FunnelCounts>> windowing) {
    return new FunnelFromRawRecords(format, dimension, windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> raw) {
    FunnelPartials sums = FunnelPartials.by(dimension);
    PCollectionTuple parsed = raw.apply(PreAggregate.of(format, windowing.size()).with(sums));
    PCollection<FunnelRow> rows =
        parsed
            .get(sums.tag())
            .apply("WindowFunnel", windowing)
            .apply("SumFunnel", SumFunnel.ofPartialSums());
    return PCollectionTuple.of(ROWS, rows).and(FAILED, parsed.get(FAILED));
  }
}
