package io.funnelpulse.io.kafka;

import io.funnelpulse.io.EventTimeJumpGuard;
import io.funnelpulse.io.SplitOnceSource;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.parse.EventTimes;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reads click events from Kafka topics as {@link RawRecord}s: the value is the record's text (JSON or a
 * CSV line), its source {@code <topic>-<partition>} and its position the offset, so a dead letter says
 * where it came from. Event time and watermark come from {@link EventTimePolicy}; records it found past
 * their window's horizon are marked too late. Only reader options that keep Beam's unbounded-source
 * reader are used, so the read runs on Spark streaming too.
 *
 * <pre>{@code
 * PCollection<RawRecord> raw = p.apply("ReadEvents", ReadKafkaEvents.from("localhost:9092", "events")
 *     .withEventTime(InputFormat.JSON, Duration.standardMinutes(10), hour, Duration.standardHours(2)));
 * }</pre>
 */
public final class ReadKafkaEvents extends PTransform<PBegin, PCollection<RawRecord>> {
  private final String bootstrapServers;
  private final List<String> topics;
  private final Map<String, Object> consumerProperties;
  private final boolean commitOffsets;
  private final boolean oneReader;
  private final InputFormat format;
  private final Duration outOfOrderness;
  private final Duration window;
  private final Duration lateness;
  private final EventTimeJumpGuard jumpGuard;

  private ReadKafkaEvents(
      String bootstrapServers,
      List<String> topics,
      Map<String, Object> consumerProperties,
      boolean commitOffsets,
      boolean oneReader,
      InputFormat format,
      Duration outOfOrderness,
      Duration window,
      Duration lateness,
      EventTimeJumpGuard jumpGuard) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topics = List.copyOf(topics);
    this.consumerProperties = Map.copyOf(consumerProperties);
    this.commitOffsets = commitOffsets;
    this.oneReader = oneReader;
    this.format = format;
    this.outOfOrderness = outOfOrderness;
    this.window = window;
    this.lateness = lateness;
    this.jumpGuard = Objects.requireNonNull(jumpGuard, "jumpGuard");
    if (this.topics.isEmpty()) {
      throw new IllegalArgumentException("At least one topic is needed");
    }
  }

  /**
   * Reads the comma-separated {@code topics} from {@code bootstrapServers}: JSON values, ten minutes of
   * out-of-orderness, hourly windows with two hours of lateness, from the earliest offsets.
   */
  public static ReadKafkaEvents from(String bootstrapServers, String topics) {
    List<String> names =
        Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toList());
    Map<String, Object> properties = new HashMap<>();
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, StartingOffsets.EARLIEST.autoOffsetReset());
    return new ReadKafkaEvents(bootstrapServers, names, properties, false, true, InputFormat.JSON,
        Duration.standardMinutes(10), Duration.standardHours(1), Duration.standardHours(2),
        EventTimeJumpGuard.of(EventTimeJumpGuard.DEFAULT_MAX_JUMP));
  }

  /** A copy reading values in {@code format}, with this watermark delay and lateness horizon. */
  public ReadKafkaEvents withEventTime(
      InputFormat valueFormat, Duration maxOutOfOrderness, Duration windowSize, Duration allowedLateness) {
    return new ReadKafkaEvents(bootstrapServers, topics, consumerProperties, commitOffsets, oneReader, valueFormat,
        maxOutOfOrderness, windowSize, allowedLateness, jumpGuard);
  }

  /**
   * A copy in which a record more than {@code maxJump} ahead of its partition's latest event does not
   * move the watermark unless the 2 records after it in the partition are as far ahead (see {@link
   * EventTimePolicy}); zero turns the guard off.
   */
  public ReadKafkaEvents withMaxEventTimeJump(Duration maxJump) {
    return new ReadKafkaEvents(bootstrapServers, topics, consumerProperties, commitOffsets, oneReader, format,
        outOfOrderness, window, lateness, EventTimeJumpGuard.of(maxJump));
  }
  /**
   * A copy reading every partition with one reader ({@code true}, the default: one watermark, the
   * least advanced partition's, for a runner that keeps one watermark per source) or each partition
   * with a reader of its own, in parallel ({@code false}).
   */
  public ReadKafkaEvents withOneReader(boolean oneReaderForAllPartitions) {
    return new ReadKafkaEvents(bootstrapServers, topics, consumerProperties, commitOffsets, oneReaderForAllPartitions,
        format, outOfOrderness, window, lateness, jumpGuard);
  }


  /** A copy in consumer group {@code group}, committing offsets when checkpoints are finalized. */
  public ReadKafkaEvents inGroup(String group) {
    Map<String, Object> properties = new HashMap<>(consumerProperties);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    return new ReadKafkaEvents(bootstrapServers, topics, properties, true, oneReader, format, outOfOrderness, window,
        lateness, jumpGuard);
  }

  /** A copy with these consumer properties added (they win over the ones set so far). */
  public ReadKafkaEvents withConsumerProperties(Map<String, String> properties) {
    Map<String, Object> merged = new HashMap<>(consumerProperties);
    merged.putAll(properties);
    return new ReadKafkaEvents(bootstrapServers, topics, merged, commitOffsets, oneReader, format, outOfOrderness,
        window, lateness, jumpGuard);
  }

  /** A copy starting partitions without a checkpoint at {@code offsets}. */
  public ReadKafkaEvents startingAt(StartingOffsets offsets) {
    return withConsumerProperties(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsets.autoOffsetReset()));
  }

  /** Parses {@code key=value,key=value} into consumer properties; throws on a pair without '='. */
  public static Map<String, String> parseProperties(String pairs) {
    Map<String, String> properties = new HashMap<>();
    for (String pair : pairs.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Consumer property '" + pair + "' is not key=value");
      }
      properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return properties;
  }

  /**
   * The topics' partitions, listed once here. Given only topic names, KafkaIO lists them again in
   * every split, which the Spark runner does on the driver at every micro-batch (a new consumer each
   * time); under load that failed a job ("Failed to create partitions"). Partitions added later are
   * read after the job starts again with a new checkpoint.
   */
  private List<TopicPartition> listPartitions() {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<TopicPartition> partitions = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, java.time.Duration.ofSeconds(60));
        if (infos == null || infos.isEmpty()) {
          throw new IllegalArgumentException("Kafka topic " + topic + " at " + bootstrapServers + " has no partitions");
        }
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      }
    }
    partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    return partitions;
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    KafkaIO.Read<byte[], String> read =
        KafkaIO.<byte[], String>read()
            .withBootstrapServers(bootstrapServers)
            .withTopicPartitions(listPartitions())
            .withKeyDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
            .withValueDeserializerAndCoder(StringDeserializer.class, StringUtf8Coder.of())
            .withConsumerConfigUpdates(consumerProperties)
            .withTimestampPolicyFactory(EventTimePolicy.factory(format, outOfOrderness, window, lateness, jumpGuard));
    if (commitOffsets) {
      read = read.commitOffsetsInFinalize();
    }
    UnboundedSource<KafkaRecord<byte[], String>, ?> source = unboundedSource(read);
    if (oneReader) {
      source = new OneReaderSource<>(source);
    }
    if (RunnerWorkarounds.assignsRestoredSplitsAgain(begin.getPipeline().getOptions())) {
      source = SplitOnceSource.of(source, "kafka:" + bootstrapServers + "/" + String.join(",", topics));
    }
    return begin
        .apply("ReadKafka", Read.from(source))
        .apply("ToRawRecords", ParDo.of(new ToRawRecordFn(format, jumpGuard)))
        .setCoder(RawRecordCoder.of());
  }

  /**
   * KafkaIO's own unbounded source for {@code read}, the one its transform reads (KafkaIO keeps the
   * method that makes it to its package), so that {@link OneReaderSource} can keep it to one reader.
   */
  @SuppressWarnings("unchecked")
  private static UnboundedSource<KafkaRecord<byte[], String>, ?> unboundedSource(KafkaIO.Read<byte[], String> read) {
    try {
      Method makeSource = KafkaIO.Read.class.getDeclaredMethod("makeSource");
      makeSource.setAccessible(true);
      return (UnboundedSource<KafkaRecord<byte[], String>, ?>) makeSource.invoke(read);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This KafkaIO version does not make its unbounded source as expected", e);
    }
  }

  /**
   * A Kafka record as a raw record with topic, partition and offset; rejected as
   * {@code future_event_time} when its event time is further ahead of its timestamp than the jump guard
   * allows ({@link EventTimePolicy} stamps such a record at the partition's watermark, as it stamps a
   * too-late one, which parsing recognises).
   */
  static final class ToRawRecordFn extends DoFn<KafkaRecord<byte[], String>, RawRecord> {
    private final Counter recordsRead = Metrics.counter(MetricNames.READ, MetricNames.RECORDS_READ);
    private final InputFormat format;
    private final EventTimeJumpGuard jumpGuard;

    ToRawRecordFn(InputFormat format, EventTimeJumpGuard jumpGuard) {
      this.format = format;
      this.jumpGuard = jumpGuard;
    }

    @ProcessElement
    public void processElement(
        @Element KafkaRecord<byte[], String> record, @Timestamp Instant timestamp, OutputReceiver<RawRecord> out) {
      recordsRead.inc();
      out.output(toRaw(record, timestamp, format, jumpGuard));
    }

    /** The raw record of {@code record}, read with {@code timestamp}. */
    static RawRecord toRaw(
        KafkaRecord<byte[], String> record, Instant timestamp, InputFormat format, EventTimeJumpGuard jumpGuard) {
      String text = record.getKV().getValue() == null ? "" : record.getKV().getValue();
      String source = record.getTopic() + "-" + record.getPartition();
      RawRecord raw = RawRecord.of(text, source, record.getOffset());
      long eventTime = RecordParser.eventTimeOf(text, format);
      if (eventTime != EventTimes.INVALID && jumpGuard.isJump(eventTime, timestamp.getMillis())) {
        return RawRecord.rejected(text, source, record.getOffset(), FailureReason.FUTURE_EVENT_TIME,
            jumpGuard.message(eventTime, timestamp.getMillis(), "its partition's watermark"));
      }
      return raw;
    }
  }
}
