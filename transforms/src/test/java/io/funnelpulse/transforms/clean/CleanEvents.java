package io.funnelpulse.transforms.clean;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.ClickEventCoder;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailedRecordCoder;
import io.funnelpulse.model.Outcome;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * For tests that look at every clean event: applies {@link SilverRules}, as the job's
 * {@code PreAggregate} does. The silver rules to parsed records: the event type must be one of the four, the price present
 * and positive; brand goes to lower case and category code is sanitised. Failures go to {@link #FAILED}
 * with {@code missing_event_type}, {@code unknown_event_type}, {@code missing_price},
 * {@code bad_price} or {@code non_positive_price}. Data-quality flags are counted.
 *
 * <pre>{@code
 * PCollectionTuple cleaned = parsed.get(ParseEvents.PARSED).apply("CleanEvents", CleanEvents.create());
 * PCollection<ClickEvent> events = cleaned.get(CleanEvents.CLEAN);
 * }</pre>
 */
public final class CleanEvents extends PTransform<PCollection<EventRecord>, PCollectionTuple> {
  /** Clean events, with the timestamps of their input. */
  public static final TupleTag<ClickEvent> CLEAN = new TupleTag<ClickEvent>() {};
  /** Records that failed a rule. */
  public static final TupleTag<FailedRecord> FAILED = new TupleTag<FailedRecord>() {};

  private CleanEvents() {}

  /** The silver rules. */
  public static CleanEvents create() {
    return new CleanEvents();
  }

  @Override
  public PCollectionTuple expand(PCollection<EventRecord> input) {
    PCollectionTuple result =
        input.apply(
            "ApplySilverRules",
            ParDo.of(new CleanRecordFn()).withOutputTags(CLEAN, TupleTagList.of(FAILED)));
    result.get(CLEAN).setCoder(ClickEventCoder.of());
    result.get(FAILED).setCoder(FailedRecordCoder.of());
    return result;
  }

  /** Applies {@link SilverRules} to one record. */
  static final class CleanRecordFn extends DoFn<EventRecord, ClickEvent> {
    private final QualityCounters counters = new QualityCounters();

    @ProcessElement
    public void processElement(@Element EventRecord record, MultiOutputReceiver out) {
      Outcome<ClickEvent> outcome = SilverRules.apply(record);
      if (!outcome.succeeded()) {
        out.get(FAILED).output(outcome.failure());
        return;
      }
      counters.countValid(outcome.value());
      out.get(CLEAN).output(outcome.value());
    }

    @FinishBundle
    public void finishBundle() {
      counters.flush();
    }
  }
}
