package io.funnelpulse.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.io.EventTimeJumpGuard;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.parse.InputFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The event-time guard on a Kafka partition: one record stamped years ahead among normal ones is
 * stamped at the watermark, marked {@code future_event_time} after the read and moves nothing; a
 * partition whose data resumes after a gap of days follows the jump at its third record in a row (the
 * two before it go to the dead letters with their offsets).
 */
class KafkaEventTimeJumpTest {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final java.time.Instant START = java.time.Instant.parse("2019-11-01T00:00:00Z");
  private static final EventTimeJumpGuard GUARD = EventTimeJumpGuard.of(Duration.standardHours(24));

  private long offset;

  private KafkaRecord<byte[], String> record(java.time.Instant time) {
    String csv = TIME.format(time) + ",view,1000,2053013555631882655,,brand,7.77,568847318,s";
    return new KafkaRecord<>("events", 0, offset++, 0L, KafkaTimestampType.CREATE_TIME, null, null, csv);
  }

  private static TimestampPolicy<byte[], String> policy() {
    return EventTimePolicy.factory(InputFormat.CSV, Duration.standardMinutes(10), Duration.standardHours(1),
            Duration.standardHours(2), GUARD)
        .createTimestampPolicy(new TopicPartition("events", 0), Optional.empty());
  }

  /** Each record's raw form after the read, as the job sees it. */
  private List<RawRecord> read(TimestampPolicy<byte[], String> policy, List<KafkaRecord<byte[], String>> records) {
    List<RawRecord> raws = new ArrayList<>();
    for (KafkaRecord<byte[], String> r : records) {
      Instant timestamp = policy.getTimestampForRecord(null, r);
      raws.add(ReadKafkaEvents.ToRawRecordFn.toRaw(r, timestamp, InputFormat.CSV, GUARD));
    }
    return raws;
  }

  @Test
  void oneRecordYearsAheadIsMarkedAndMovesNothing() {
    TimestampPolicy<byte[], String> policy = policy();
    List<KafkaRecord<byte[], String>> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(record(START.plusSeconds(60L * i)));
      if (i == 50) {
        records.add(record(java.time.Instant.parse("2029-12-31T23:59:59Z")));
      }
    }
    List<RawRecord> raws = read(policy, records);

    List<RawRecord> marked = raws.stream().filter(r -> r.rejectedAs() != null).toList();
    assertThat(marked.size(), is(1));
    assertThat(marked.get(0).rejectedAs(), is(FailureReason.FUTURE_EVENT_TIME));
    assertThat(marked.get(0).position(), is(51L));
    assertThat(marked.get(0).rejection(), containsString("2029-12-31T23:59:59.000Z"));
    assertThat(policy.getWatermark(null),
        is(new Instant(START.plusSeconds(60L * 99).toEpochMilli()).minus(Duration.standardMinutes(10))));
  }

  @Test
  void aPartitionResumingAfterAGapFollowsAtTheThirdRecordInARow() {
    TimestampPolicy<byte[], String> policy = policy();
    List<KafkaRecord<byte[], String>> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(START.plusSeconds(60L * i)));
    }
    java.time.Instant resumed = START.plus(java.time.Duration.ofDays(5));
    for (int i = 0; i < 10; i++) {
      records.add(record(resumed.plusSeconds(60L * i)));
    }
    List<RawRecord> raws = read(policy, records);

    for (int i = 0; i < raws.size(); i++) {
      boolean rejected = i == 10 || i == 11;
      assertThat("record " + i, raws.get(i).rejectedAs(), rejected ? is(FailureReason.FUTURE_EVENT_TIME) : nullValue());
    }
    assertThat(policy.getWatermark(null),
        is(new Instant(resumed.plusSeconds(60L * 9).toEpochMilli()).minus(Duration.standardMinutes(10))));
  }
}
