package io.funnelpulse.io.kafka;

import io.funnelpulse.transforms.parse.CsvFields;
import io.funnelpulse.transforms.parse.EventJson;
import io.funnelpulse.transforms.parse.InputFormat;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends REES46 event lines to a Kafka topic, keyed by the event's session so one session stays on one
 * partition (in order), as JSON click events or as the CSV lines themselves. A line that is not a
 * record is sent as it is, without a key. Send failures surface at {@link #flush()} or {@link #close()}.
 */
public final class EventLineProducer implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final InputFormat valueFormat;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private EventLineProducer(KafkaAddress address, InputFormat valueFormat) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(properties);
    this.topic = address.topic();
    this.valueFormat = valueFormat;
  }

  /** A producer to {@code address}; values as JSON unless {@code valueFormat} is CSV. */
  public static EventLineProducer to(KafkaAddress address, InputFormat valueFormat) {
    return new EventLineProducer(address, valueFormat);
  }

  /** Sends one line (asynchronously). */
  public void send(String line) {
    List<String> fields = CsvFields.split(line);
    String session =
        fields != null && fields.size() == CsvFields.REES46_COLUMNS ? fields.get(CsvFields.REES46_COLUMNS - 1) : null;
    String value = valueFormat == InputFormat.CSV ? line : EventJson.fromCsvLine(line);
    producer.send(new ProducerRecord<>(topic, session, value), (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    });
  }

  /** Waits until everything sent is acknowledged; throws the first send failure. */
  public void flush() throws IOException {
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new IOException("Sending to Kafka topic " + topic + " failed", error);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
