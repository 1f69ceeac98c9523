package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailedRecordCoder;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.clean.QualityCounters;
import io.funnelpulse.transforms.clean.SilverRules;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses ({@link RecordParser}) and cleans ({@link SilverRules}) each raw record once, sends a record
 * its source stamped as too late on as {@code too_late} ({@link LatenessHorizon}), and folds every clean event into each configured
 * {@link BundleAggregation} by its fixed window of {@code windowSize}. Failures go to {@link #FAILED};
 * each aggregation's partials (in the global window, timestamped with their window's start) go to
 * its {@link BundleAggregation#tag()}, ready for {@code WindowByEventTime} and {@link MergePartials}.
 *
 * <p>Why one pass: a runner that materialises the outputs of a multi-output step (Spark caches them)
 * or keeps raw elements in state (Spark streaming does not lift combines) then holds a few partials
 * per window and key per bundle, not every event.
 *
 * <pre>{@code
 * PCollectionTuple out = raw.apply("ParseCleanAndPreAggregate",
 *     PreAggregate.of(InputFormat.AUTO, Duration.standardHours(1)).with(funnelSums).with(visitors));
 * PCollection<KV<String, FunnelCounts>> sums = out.get(funnelSums.tag());
 * }</pre>
 */
public final class PreAggregate extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  /** Records that failed parsing or cleaning. */
  public static final TupleTag<FailedRecord> FAILED = new TupleTag<FailedRecord>() {};

  private final InputFormat format;
  private final Duration windowSize;
  private final List<BundleAggregation<?, ?>> aggregations;
  private final boolean mergeWithinBundle;

  private PreAggregate(
      InputFormat format, Duration windowSize, List<BundleAggregation<?, ?>> aggregations, boolean mergeWithinBundle) {
    this.format = Objects.requireNonNull(format, "format");
    this.windowSize = Objects.requireNonNull(windowSize, "windowSize");
    this.aggregations = List.copyOf(aggregations);
    this.mergeWithinBundle = mergeWithinBundle;
  }

  /** Parses records of {@code format}, pre-aggregating by fixed windows of {@code windowSize}. */
  public static PreAggregate of(InputFormat format, Duration windowSize) {
    return new PreAggregate(format, windowSize, List.of(), true);
  }

  /** A copy that also computes {@code aggregation}. */
  public PreAggregate with(BundleAggregation<?, ?> aggregation) {
    List<BundleAggregation<?, ?>> more = new ArrayList<>(aggregations);
    more.add(aggregation);
    return new PreAggregate(format, windowSize, more, mergeWithinBundle);
  }

  /**
   * A copy that merges within a bundle ({@code true}, the default) or emits one partial per event and
   * aggregation ({@code false}): the same results downstream, but as many elements to group and keep
   * in state as there are events. Only for measuring what pre-aggregation saves.
   */
  public PreAggregate mergingWithinBundle(boolean merge) {
    return new PreAggregate(format, windowSize, aggregations, merge);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> raw) {
    List<TupleTag<?>> tags = new ArrayList<>();
    aggregations.forEach(aggregation -> tags.add(aggregation.tag()));
    PCollectionTuple out =
        raw.apply(
            "ParseCleanAndPreAggregate",
            ParDo.of(new PreAggregateFn(format, windowSize.getMillis(), aggregations, mergeWithinBundle))
                .withOutputTags(FAILED, TupleTagList.of(tags)));
    out.get(FAILED).setCoder(FailedRecordCoder.of());
    for (BundleAggregation<?, ?> aggregation : aggregations) {
      setPartialCoder(out, aggregation);
    }
    return out;
  }

  private static <K, V> void setPartialCoder(PCollectionTuple out, BundleAggregation<K, V> aggregation) {
    out.get(aggregation.tag()).setCoder(aggregation.partialCoder());
  }

  /**
   * Parses, cleans and pre-aggregates one record; emits the partials at the end of each bundle.
   */
  static final class PreAggregateFn extends DoFn<RawRecord, FailedRecord> {
    private final Counter parsed = Metrics.counter(MetricNames.PARSE, MetricNames.PARSED);
    private final QualityCounters quality = new QualityCounters();
    private final InputFormat format;
    private final long windowMillis;
    private final List<BundleAggregation<?, ?>> aggregations;
    private final List<Counter> partialsEmitted = new ArrayList<>();
    private final boolean mergeWithinBundle;
    private transient long parsedInBundle;

    PreAggregateFn(
        InputFormat format,
        long windowMillis,
        List<BundleAggregation<?, ?>> aggregations,
        boolean mergeWithinBundle) {
      this.format = format;
      this.windowMillis = windowMillis;
      this.aggregations = aggregations;
      this.mergeWithinBundle = mergeWithinBundle;
      for (BundleAggregation<?, ?> aggregation : aggregations) {
        partialsEmitted.add(Metrics.counter(MetricNames.PREAGGREGATE, MetricNames.PARTIALS_PREFIX + aggregation.tag().getId()));
      }
    }

    @StartBundle
    public void startBundle() {
      aggregations.forEach(aggregation -> aggregation.startBundle(mergeWithinBundle));
      parsedInBundle = 0;
    }

    @ProcessElement
    public void processElement(@Element RawRecord raw, @Timestamp Instant timestamp, MultiOutputReceiver out) {
      Outcome<EventRecord> record = RecordParser.parse(raw, format);
      if (!record.succeeded()) {
        out.get(FAILED).output(record.failure());
        return;
      }
      long eventTime = record.value().eventTimeMillis();
      if (LatenessHorizon.stampedTooLate(eventTime, timestamp.getMillis())) {
        out.get(FAILED).output(FailedRecord.of(raw, FailureReason.TOO_LATE,
            LatenessHorizon.tooLateMessage(new Instant(eventTime).toString())));
        return;
      }
      parsedInBundle++;
      Outcome<ClickEvent> clean = SilverRules.apply(record.value());
      if (!clean.succeeded()) {
        out.get(FAILED).output(clean.failure());
        return;
      }
      ClickEvent event = clean.value();
      quality.countValid(event);
      long windowStart = event.eventTimeMillis() - Math.floorMod(event.eventTimeMillis(), windowMillis);
      for (BundleAggregation<?, ?> aggregation : aggregations) {
        aggregation.add(event, windowStart);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (int i = 0; i < aggregations.size(); i++) {
        partialsEmitted.get(i).inc(aggregations.get(i).finishBundle(context));
      }
      parsed.inc(parsedInBundle);
      quality.flush();
    }
  }
}
