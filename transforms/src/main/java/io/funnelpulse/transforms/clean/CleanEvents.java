package io.funnelpulse.transforms.clean;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.ClickEventCoder;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailedRecordCoder;
import io.funnelpulse.model.FailureReason;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Applies the silver rules to parsed records: the event type must be one of the four, the price present
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
  /** Namespace of the cleaning counters. */
  public static final String METRICS_NAMESPACE = "funnelpulse.clean";
  /** Counter of clean events. */
  public static final String VALID = "valid";

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

  /** Validates and normalises one record. */
  static final class CleanRecordFn extends DoFn<EventRecord, ClickEvent> {
    private final Counter valid = Metrics.counter(METRICS_NAMESPACE, VALID);
    private final Counter rejected = Metrics.counter(METRICS_NAMESPACE, "rejected");
    private final Counter missingSession = Metrics.counter(METRICS_NAMESPACE, "missing_session");
    private final Counter missingBrand = Metrics.counter(METRICS_NAMESPACE, "missing_brand");
    private final Counter missingCategory = Metrics.counter(METRICS_NAMESPACE, "missing_category");

    @ProcessElement
    public void processElement(@Element EventRecord record, MultiOutputReceiver out) {
      String typeText = record.eventType();
      EventType type = EventType.fromCode(typeText);
      if (type == null) {
        reject(out, record, typeText == null ? FailureReason.MISSING_EVENT_TYPE
            : FailureReason.UNKNOWN_EVENT_TYPE, "event_type '" + typeText + "'");
        return;
      }
      String priceText = record.price();
      if (priceText == null) {
        reject(out, record, FailureReason.MISSING_PRICE, "price is empty");
        return;
      }
      long cents = Prices.toCents(priceText);
      if (cents == Prices.INVALID) {
        reject(out, record, FailureReason.BAD_PRICE, "price '" + priceText + "' is not a number");
        return;
      }
      if (cents <= 0) {
        reject(out, record, FailureReason.NON_POSITIVE_PRICE, "price " + priceText + " is not positive");
        return;
      }
      ClickEvent event =
          ClickEvent.builder(type, record.eventTimeMillis())
              .productId(record.productId())
              .categoryId(record.categoryId())
              .categoryCode(Normalise.categoryCode(record.categoryCode()))
              .brand(Normalise.brand(record.brand()))
              .priceCents(cents)
              .userId(record.userId())
              .userSession(record.userSession())
              .build();
      countFlags(event);
      valid.inc();
      out.get(CLEAN).output(event);
    }

    private void reject(
        MultiOutputReceiver out, EventRecord record, FailureReason reason, String detail) {
      rejected.inc();
      out.get(FAILED).output(FailedRecord.of(record.raw(), reason, detail));
    }

    private void countFlags(ClickEvent event) {
      if (event.missingSession()) {
        missingSession.inc();
      }
      if (event.missingBrand()) {
        missingBrand.inc();
      }
      if (event.missingCategory()) {
        missingCategory.inc();
      }
    }
  }
}
