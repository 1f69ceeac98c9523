package io.funnelpulse.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.LatenessHorizon;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.transforms.funnel.FunnelPartials;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lateness rule ({@link LatenessHorizon}) and its one route to the dead letters: a record its
 * source stamped after its own event time is a {@code too_late} failure of {@link PreAggregate}.
 */
class TooLateRecordsTest {
  private static final String LINE =
      "2019-10-01 10:10:00 UTC,view,1004259,2053013555631882655,,apple,7.77,568847318,s-1";
  private static final Instant EVENT_TIME = Instant.parse("2019-10-01T10:10:00Z");

  @Test
  void theHorizonIsTheWindowEndPlusTheAllowedLateness() {
    LatenessHorizon horizon = LatenessHorizon.of(Duration.standardHours(1), Duration.standardMinutes(30));
    long eventTime = EVENT_TIME.getMillis();
    assertThat(horizon.isPast(eventTime, Instant.parse("2019-10-01T11:29:59.999Z").getMillis()), is(false));
    assertThat(horizon.isPast(eventTime, Instant.parse("2019-10-01T11:30:00Z").getMillis()), is(true));
    assertThat(LatenessHorizon.stampedTooLate(eventTime, eventTime), is(false));
    assertThat(LatenessHorizon.stampedTooLate(eventTime, eventTime + 1), is(true));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRecordStampedAfterItsEventTimeFailsAsTooLateWithItsRawTextAndOneStampedAtItFunnels() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    FunnelPartials sums = FunnelPartials.by(FunnelDimension.BRAND);
    PCollectionTuple out = p
        .apply(Create.timestamped(List.of(
                TimestampedValue.of(RawRecord.of(LINE, "landing/a.csv", 7), Instant.parse("2019-10-01T12:00:00Z")),
                TimestampedValue.of(RawRecord.of(LINE, "landing/a.csv", 8), EVENT_TIME)))
            .withCoder(RawRecordCoder.of()))
        .apply(PreAggregate.of(InputFormat.AUTO, Duration.standardHours(1)).with(sums));
    PAssert.that(out.get(PreAggregate.FAILED)).satisfies(failures -> {
      int count = 0;
      for (FailedRecord f : failures) {
        count++;
        assertThat(f.reason(), is(FailureReason.TOO_LATE));
        assertThat(f.raw().text(), is(LINE));
        assertThat(f.raw().position(), is(7L));
        assertThat(f.message(), containsString("2019-10-01T10:10:00.000Z"));
      }
      assertThat(count, is(1));
      return null;
    });
    PAssert.thatSingleton(out.get(sums.tag()).apply(Count.globally())).isEqualTo(1L);
    p.run().waitUntilFinish();
  }

  @Test
  void aSourceReadsTheEventTimeOfARecordThatWouldParseAndNoneOtherwise() {
    assertThat(RecordParser.eventTimeOf(LINE, InputFormat.AUTO), is(EVENT_TIME.getMillis()));
    assertThat(RecordParser.eventTimeOf("2019-10-01 10:10:00 UTC,view,1", InputFormat.AUTO), is(EventTimes.INVALID));
    assertThat(RecordParser.eventTimeOf(LINE.replace("10:10:00", "xx"), InputFormat.AUTO), is(EventTimes.INVALID));
    assertThat(RecordParser.eventTimeOf("{\"event_time\":\"2019-10-01 10:10:00 UTC\"}", InputFormat.AUTO),
        is(EVENT_TIME.getMillis()));
  }
}
