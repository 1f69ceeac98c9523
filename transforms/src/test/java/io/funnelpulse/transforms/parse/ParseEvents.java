package io.funnelpulse.transforms.parse;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.EventRecordCoder;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailedRecordCoder;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
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
import org.joda.time.Instant;

/**
 * For tests that look at every parsed record: parses raw records with {@link RecordParser}, as the
 * job's {@code PreAggregate} does, into {@link EventRecord}s stamped with their event time. Records that are not
 * well-formed ({@code malformed_line}) or have no valid event time ({@code bad_timestamp}) go to
 * {@link #FAILED} with their raw text.
 *
 * <pre>{@code
 * PCollectionTuple parsed = raw.apply("ParseEvents", ParseEvents.withFormat(InputFormat.AUTO));
 * PCollection<EventRecord> events = parsed.get(ParseEvents.PARSED);
 * PCollection<FailedRecord> failed = parsed.get(ParseEvents.FAILED);
 * }</pre>
 */
public final class ParseEvents extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  /** Well-formed records, timestamped with their event time. */
  public static final TupleTag<EventRecord> PARSED = new TupleTag<EventRecord>() {};
  /** Records that could not be parsed. */
  public static final TupleTag<FailedRecord> FAILED = new TupleTag<FailedRecord>() {};

  private final InputFormat format;

  private ParseEvents(InputFormat format) {
    this.format = Objects.requireNonNull(format, "format");
  }

  /** Parses records in the given format. */
  public static ParseEvents withFormat(InputFormat format) {
    return new ParseEvents(format);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> input) {
    PCollectionTuple result =
        input.apply(
            "ParseRecords",
            ParDo.of(new ParseRecordFn(format)).withOutputTags(PARSED, TupleTagList.of(FAILED)));
    result.get(PARSED).setCoder(EventRecordCoder.of());
    result.get(FAILED).setCoder(FailedRecordCoder.of());
    return result;
  }

  /** Parses each record with {@link RecordParser}. */
  static final class ParseRecordFn extends DoFn<RawRecord, EventRecord> {
    private final Counter parsed = Metrics.counter(MetricNames.PARSE, MetricNames.PARSED);
    private final InputFormat format;

    ParseRecordFn(InputFormat format) {
      this.format = format;
    }

    @ProcessElement
    public void processElement(@Element RawRecord raw, MultiOutputReceiver out) {
      Outcome<EventRecord> outcome = RecordParser.parse(raw, format);
      if (!outcome.succeeded()) {
        out.get(FAILED).output(outcome.failure());
        return;
      }
      parsed.inc();
      EventRecord record = outcome.value();
      out.get(PARSED).outputWithTimestamp(record, new Instant(record.eventTimeMillis()));
    }
  }
}
