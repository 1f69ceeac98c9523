package io.funnelpulse.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

/** A record its source marked as beyond the allowed lateness is a {@code too_late} failure. */
class TooLateRecordsTest {
  private static final String LINE =
      "2019-10-01 10:10:00 UTC,view,1004259,2053013555631882655,,apple,7.77,568847318,s-1";

  @Test
  void aMarkedRecordFailsAsTooLateWithItsRawText() {
    Outcome<EventRecord> outcome = RecordParser.parse(RawRecord.tooLate(LINE, "landing/a.csv", 7), InputFormat.AUTO);
    assertThat(outcome.succeeded(), is(false));
    assertThat(outcome.failure().reason(), is(FailureReason.TOO_LATE));
    assertThat(outcome.failure().raw().text(), is(LINE));
    assertThat(outcome.failure().raw().position(), is(7L));
    assertThat(outcome.failure().message(), containsString("2019-10-01 10:10:00 UTC"));
  }

  @Test
  void anUnmarkedRecordParses() {
    assertThat(RecordParser.parse(RawRecord.of(LINE, "landing/a.csv", 7), InputFormat.AUTO).succeeded(), is(true));
  }

  @Test
  void theMarkSurvivesTheCoderAndTakesPartInEquality() throws Exception {
    RawRecord marked = RawRecord.tooLate(LINE, "landing/a.csv", 7);
    CoderProperties.coderDecodeEncodeEqual(RawRecordCoder.of(), marked);
    CoderProperties.coderDeterministic(RawRecordCoder.of(), marked, marked);
    assertThat(marked.equals(RawRecord.of(LINE, "landing/a.csv", 7)), is(false));
  }
}
