package io.funnelpulse.pipelines;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.clean.SilverRules;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything a topic holds, read back with a plain consumer, partition by partition in offset order,
 * and what a job must make of it, worked out independently of the job: which records go to the dead
 * letters and why (unparseable, failing cleaning, or too late: read after their partition's
 * watermark, the highest event time before them minus the out-of-orderness, passed their hourly
 * window's end plus the allowed lateness).
 */
final class TopicContents {
  /** One record of the topic. */
  static final class Record {
    final String source;
    final long offset;
    final String value;

    Record(String source, long offset, String value) {
      this.source = source;
      this.offset = offset;
      this.value = value;
    }
  }

  private final Map<Integer, List<Record>> byPartition;

  private TopicContents(Map<Integer, List<Record>> byPartition) {
    this.byPartition = byPartition;
  }

  /** Reads all {@code expected} records of {@code topic}. */
  static TopicContents read(String bootstrapServers, String topic, long expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<Integer, List<Record>> byPartition = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long read = 0;
      long deadline = System.currentTimeMillis() + 60_000;
      while (read < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
              .add(new Record(r.topic() + "-" + r.partition(), r.offset(), r.value()));
          read++;
        }
      }
    }
    byPartition.values().forEach(list -> list.sort(Comparator.comparingLong(r -> r.offset)));
    return new TopicContents(byPartition);
  }

  int partitionsWithRecords() {
    return byPartition.size();
  }

  /** (source, offset, reason) of every record the job must send to the dead letters, sorted. */
  List<List<String>> expectedDeadLetters(InputFormat format, int latenessMinutes, int outOfOrdernessMinutes) {
    List<List<String>> expected = new ArrayList<>();
    for (List<Record> partition : byPartition.values()) {
      TooLateOracle oracle = new TooLateOracle(latenessMinutes, outOfOrdernessMinutes);
      for (Record record : partition) {
        RawRecord raw = RawRecord.of(record.value == null ? "" : record.value, record.source, record.offset);
        Outcome<EventRecord> parsed = RecordParser.parse(raw, format);
        if (!parsed.succeeded()) {
          expected.add(row(record, parsed.failure().reason().code()));
          continue;
        }
        if (oracle.readIsTooLate(parsed.value().eventTimeMillis())) {
          expected.add(row(record, "too_late"));
          continue;
        }
        Outcome<ClickEvent> cleaned = SilverRules.apply(parsed.value());
        if (!cleaned.succeeded()) {
          expected.add(row(record, cleaned.failure().reason().code()));
        }
      }
    }
    expected.sort(Comparator.comparing((List<String> r) -> r.get(0)).thenComparing(r -> Long.parseLong(r.get(1))));
    return expected;
  }

  /** The values the job may count: every record but the too-late ones. */
  List<String> valuesExcept(List<List<String>> deadLetters) {
    java.util.Set<String> tooLate =
        deadLetters.stream().filter(r -> r.get(2).equals("too_late")).map(r -> r.get(0) + "@" + r.get(1))
            .collect(Collectors.toSet());
    List<String> values = new ArrayList<>();
    for (List<Record> partition : byPartition.values()) {
      for (Record record : partition) {
        if (!tooLate.contains(record.source + "@" + record.offset)) {
          values.add(record.value);
        }
      }
    }
    return values;
  }

  private static List<String> row(Record record, String reason) {
    return List.of(record.source, Long.toString(record.offset), reason);
  }
}
