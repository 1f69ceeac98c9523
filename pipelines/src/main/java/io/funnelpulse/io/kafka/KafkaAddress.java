package io.funnelpulse.io.kafka;

import java.util.Objects;

/** A topic on a cluster, written {@code kafka://host:port[,host:port]/topic}. */
public final class KafkaAddress {
  /** The scheme that marks a Kafka destination. */
  public static final String SCHEME = "kafka://";

  private final String bootstrapServers;
  private final String topic;

  private KafkaAddress(String bootstrapServers, String topic) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers);
    this.topic = Objects.requireNonNull(topic);
  }

  /** Whether {@code destination} names a Kafka topic rather than a directory. */
  public static boolean isKafka(String destination) {
    return destination != null && destination.startsWith(SCHEME);
  }

  /** Parses {@code kafka://host:port/topic}; throws IllegalArgumentException when a part is missing. */
  public static KafkaAddress parse(String destination) {
    if (!isKafka(destination)) {
      throw new IllegalArgumentException("Not a Kafka address (kafka://host:port/topic): " + destination);
    }
    String rest = destination.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("Expected kafka://host:port/topic, got " + destination);
    }
    return new KafkaAddress(rest.substring(0, slash), rest.substring(slash + 1));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topic() {
    return topic;
  }

  @Override
  public String toString() {
    return SCHEME + bootstrapServers + "/" + topic;
  }
}
