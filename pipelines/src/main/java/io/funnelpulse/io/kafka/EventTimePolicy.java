package io.funnelpulse.io.kafka;

import io.funnelpulse.io.EventTimeJumpGuard;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.transforms.aggregate.LatenessHorizon;
import io.funnelpulse.transforms.parse.EventTimes;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Event time for one Kafka partition, from the record's payload: each record's timestamp is its event
 * time, and the partition's watermark is the highest event time it has read minus the allowed
 * out-of-orderness. It never follows the wall clock, so replayed history streams correctly; an idle
 * partition's watermark stays where its data left it, and, as Beam's Kafka reader takes the lowest
 * watermark of its partitions, holds the others back until data arrives on it.
 *
 * <p>A record read after its partition's watermark passed its window's end plus the allowed lateness
 * would be dropped by the windowing. It is stamped at the watermark instead, and parsing sends it to
 * the dead letters as too late ({@link LatenessHorizon}). A record without a readable time is stamped at the watermark too (it goes
 * to the dead letters from parsing). A record more than the jump guard allows ahead of the partition's
 * latest event is stamped at the watermark too, and marked {@code future_event_time} after the read,
 * unless it is the {@link EventTimeJumpGuard#CONFIRMATIONS}th such record in a row: then the partition
 * follows the jump (data resuming after a gap; the records before it in that run are in the dead
 * letters, with their offsets, to be replayed).
 */
final class EventTimePolicy extends TimestampPolicy<byte[], String> {
  private final InputFormat format;
  private final long outOfOrdernessMillis;
  private final LatenessHorizon horizon;
  private final Gauge watermarkGauge;
  private final Counter lateRecords = Metrics.counter(MetricNames.SOURCE, MetricNames.LATE_RECORDS);
  private final Counter tooLateRecords = Metrics.counter(MetricNames.SOURCE, MetricNames.TOO_LATE_RECORDS);
  private final EventTimeJumpGuard jumpGuard;
  private long maxEventTimeMillis;
  private int jumpsInARow;

  private EventTimePolicy(
      TopicPartition partition,
      Optional<Instant> previousWatermark,
      InputFormat format,
      Duration outOfOrderness,
      Duration window,
      Duration lateness,
      EventTimeJumpGuard jumpGuard) {
    this.format = format;
    this.jumpGuard = jumpGuard;
    this.outOfOrdernessMillis = outOfOrderness.getMillis();
    this.horizon = LatenessHorizon.of(window, lateness);
    this.watermarkGauge = Metrics.gauge(MetricNames.SOURCE, MetricNames.WATERMARK_MILLIS + "/" + partition);
    this.maxEventTimeMillis =
        previousWatermark
            .filter(w -> w.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE))
            .map(w -> w.getMillis() + outOfOrdernessMillis)
            .orElse(Long.MIN_VALUE);
  }

  /** A factory of policies with these settings, one per partition. */
  static TimestampPolicyFactory<byte[], String> factory(
      InputFormat format, Duration outOfOrderness, Duration window, Duration lateness,
      EventTimeJumpGuard jumpGuard) {
    return (partition, previousWatermark) ->
        new EventTimePolicy(partition, previousWatermark, format, outOfOrderness, window, lateness, jumpGuard);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext context, KafkaRecord<byte[], String> record) {
    String value = record.getKV().getValue();
    long millis = value == null ? EventTimes.INVALID : RecordParser.eventTimeOf(value, format);
    if (millis == EventTimes.INVALID) {
      return watermark();
    }
    if (jumpGuard.isJump(millis, maxEventTimeMillis)) {
      // A partition cannot read ahead: a jump is followed once it is the CONFIRMATIONS-th in a row;
      // before that it stays at the watermark and is marked future_event_time after the read.
      if (++jumpsInARow < EventTimeJumpGuard.CONFIRMATIONS) {
        return watermark();
      }
    }
    jumpsInARow = 0;
    long watermark = watermarkMillis();
    if (maxEventTimeMillis != Long.MIN_VALUE) {
      if (horizon.isPast(millis, watermark)) {
        tooLateRecords.inc();
        return new Instant(watermark);
      }
      if (millis < watermark) {
        lateRecords.inc();
      }
    }
    if (millis > maxEventTimeMillis) {
      maxEventTimeMillis = millis;
      watermarkGauge.set(watermarkMillis());
    }
    return new Instant(millis);
  }

  @Override
  public Instant getWatermark(PartitionContext context) {
    return watermark();
  }

  private long watermarkMillis() {
    return maxEventTimeMillis == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTimeMillis - outOfOrdernessMillis;
  }

  private Instant watermark() {
    return maxEventTimeMillis == Long.MIN_VALUE ? BoundedWindow.TIMESTAMP_MIN_VALUE : new Instant(watermarkMillis());
  }
}
