package io.funnelpulse.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

/**
 * A record its source rejected (an unreadable file, a line over the limit) fails parsing with the
 * source's reason and message, whatever its text; the rejection survives the coder.
 */
class SourceRejectedRecordsTest {
  private static final String LINE =
      "2019-10-01 00:00:00 UTC,view,5773203,1487580005134238553,,runail,2.62,463240011,26dd6e6e";

  @Test
  void aRejectedRecordFailsWithItsSourcesReasonAndMessage() {
    RawRecord rejected = RawRecord.rejected(LINE.substring(0, 20), "landing/big.csv", 3,
        FailureReason.LINE_TOO_LONG, "line of 99999 bytes is longer than --maxLineBytes=65536");
    Outcome<EventRecord> outcome = RecordParser.parse(rejected, InputFormat.AUTO);
    assertThat(outcome.succeeded(), is(false));
    assertThat(outcome.failure().reason(), is(FailureReason.LINE_TOO_LONG));
    assertThat(outcome.failure().message(), is("line of 99999 bytes is longer than --maxLineBytes=65536"));
    assertThat(outcome.failure().raw(), is(rejected));
  }

  @Test
  void aRejectionSurvivesTheCoderAndTakesPartInEquality() throws Exception {
    RawRecord rejected = RawRecord.rejected("", "landing/cut.csv.gz", 1163, FailureReason.UNREADABLE_FILE,
        "cannot read landing/cut.csv.gz past line 1162: java.io.EOFException");
    CoderProperties.coderDecodeEncodeEqual(RawRecordCoder.of(), rejected);
    CoderProperties.coderDeterministic(RawRecordCoder.of(), rejected, rejected);
    assertThat(rejected.equals(RawRecord.of("", "landing/cut.csv.gz", 1163)), is(false));
    assertThat(FailureReason.fromCode("unreadable_file"), is(FailureReason.UNREADABLE_FILE));
  }
}
