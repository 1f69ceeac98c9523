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
 * a record its source rejected (an unreadable file, a line over the limit) fails with the source's
 * reason and message. The parsing the job's {@code PreAggregate} applies, usable in any DoFn; a source
 * that needs only a record's event time reads it with {@link #eventTimeOf}, without building the event.
 */
public final class RecordParser {
  private RecordParser() {}

  /** Parses {@code raw} in {@code format}. */
  public static Outcome<EventRecord> parse(RawRecord raw, InputFormat format) {
    if (raw.rejectedAs() != null) {
      return Outcome.failure(FailedRecord.of(raw, raw.rejectedAs(), raw.rejection()));
    }
    boolean json = isJson(raw.text(), format);
    List<String> fields = fields(raw.text(), json);
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
    return Outcome.success(RecordFields.toRecord(raw, millis, fields));
  }

  /**
   * The event time of a record of {@code text}, epoch millis, or {@link EventTimes#INVALID} if it
   * would fail parsing as {@code malformed_line} or {@code bad_timestamp}: what a source needs to stamp
   * and judge a record, without building its event.
   */
  public static long eventTimeOf(String text, InputFormat format) {
    List<String> fields = fields(text, isJson(text, format));
    return fields == null || fields.size() != RecordFields.NAMES.length
        ? EventTimes.INVALID
        : EventTimes.parseMillis(fields.get(0));
  }

  private static boolean isJson(String text, InputFormat format) {
    return format == InputFormat.JSON || (format == InputFormat.AUTO && text.stripLeading().startsWith("{"));
  }

  private static List<String> fields(String text, boolean json) {
    return json ? JsonEventFields.read(text) : CsvFields.split(text);
  }
}
