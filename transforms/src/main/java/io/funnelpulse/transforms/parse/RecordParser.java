package io.funnelpulse.transforms.parse;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import java.util.List;

/**
 * Parses one raw record into an {@link EventRecord}: a well-formed CSV line or JSON object with nine
 * fields ({@code malformed_line} otherwise) and a valid event time ({@code bad_timestamp} otherwise);
 * a record its source marked as beyond the allowed lateness fails as {@code too_late}, and one its source
 * rejected (an unreadable file, a line over the limit) fails with the source's reason and message.
 * The parsing the job's {@code PreAggregate} applies, usable in any DoFn.
 */
public final class RecordParser {
  private RecordParser() {}

  /** Parses {@code raw} in {@code format}. */
  public static Outcome<EventRecord> parse(RawRecord raw, InputFormat format) {
    if (raw.rejectedAs() != null && !raw.isTooLate()) {
      return Outcome.failure(FailedRecord.of(raw, raw.rejectedAs(), raw.rejection()));
    }
    String text = raw.text();
    boolean json = format == InputFormat.JSON
        || (format == InputFormat.AUTO && text.stripLeading().startsWith("{"));
    List<String> fields = json ? JsonEventFields.read(text) : CsvFields.split(text);
    if (fields == null || fields.size() != RecordFields.NAMES.length) {
      String why = fields == null
          ? (json ? "not a JSON object" : "unbalanced quotes")
          : "expected " + RecordFields.NAMES.length + " fields, found " + fields.size();
      return Outcome.failure(FailedRecord.of(raw, FailureReason.MALFORMED_LINE, why));
    }
    long millis = EventTimes.parseMillis(fields.get(0));
    if (millis == EventTimes.INVALID) {
      String value = fields.get(0);
      String why = value == null ? "event_time is missing" : "event_time '" + value + "' is not a time";
      return Outcome.failure(FailedRecord.of(raw, FailureReason.BAD_TIMESTAMP, why));
    }
    if (raw.isTooLate()) {
      return Outcome.failure(
          FailedRecord.of(
              raw,
              FailureReason.TOO_LATE,
              "event_time " + fields.get(0) + " arrived after its window closed (beyond allowed lateness)"));
    }
    return Outcome.success(RecordFields.toRecord(raw, millis, fields));
  }
}
