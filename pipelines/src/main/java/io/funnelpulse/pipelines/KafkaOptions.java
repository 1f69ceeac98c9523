package io.funnelpulse.pipelines;

import io.funnelpulse.io.kafka.StartingOffsets;
import io.funnelpulse.transforms.parse.InputFormat;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where a {@code --source=KAFKA} job reads from. */
public interface KafkaOptions extends PipelineOptions {
  @Description("KAFKA: the brokers to bootstrap from, host:port[,host:port].")
  @Default.String("localhost:9092")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("KAFKA: the topic or topics to read, comma-separated.")
  @Default.String("events")
  String getTopic();

  void setTopic(String value);

  @Description(
      "KAFKA: consumer group id. With one, offsets are also committed to the group when a checkpoint is "
          + "finalized (for lag monitoring; a restart resumes from the runner's checkpoint, not from them).")
  @Default.String("")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description("KAFKA: where a partition without a checkpoint (or committed offset) starts: EARLIEST or LATEST.")
  @Default.Enum("EARLIEST")
  StartingOffsets getStartingOffsets();

  void setStartingOffsets(StartingOffsets value);

  @Description("KAFKA: the record values: JSON click events (default), CSV lines of REES46, or AUTO.")
  @Default.Enum("JSON")
  InputFormat getValueFormat();

  void setValueFormat(InputFormat value);

  @Description(
      "KAFKA: extra consumer properties, comma-separated key=value pairs "
          + "(e.g. security.protocol=SSL,fetch.max.bytes=52428800).")
  @Default.String("")
  String getConsumerProperties();

  void setConsumerProperties(String value);
}
