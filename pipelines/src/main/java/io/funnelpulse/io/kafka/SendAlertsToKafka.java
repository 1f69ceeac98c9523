package io.funnelpulse.io.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.WindowRow;
import java.time.Instant;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends anomaly alerts to a Kafka topic: one record per alert state (opened, updated, closed), keyed by
 * brand, the value a JSON object with the same facts as a row of the {@code anomalies} table
 * ({@code brand}, {@code window_start}, {@code window_end}, {@code metric}, {@code status},
 * {@code observed}, {@code expected}, {@code score}, {@code direction}, {@code severity},
 * {@code provisional}, {@code baseline_windows}, {@code started_at}, {@code run_windows},
 * {@code observed_total}, {@code expected_total}, {@code missing}, {@code pane_timing}) and the
 * readable {@code summary} of the log line.
 */
public final class SendAlertsToKafka extends PTransform<PCollection<WindowRow<String, Anomaly>>, PDone> {
  private final KafkaAddress address;

  private SendAlertsToKafka(KafkaAddress address) {
    this.address = address;
  }

  /** Sends to {@code address}'s topic. */
  public static SendAlertsToKafka to(KafkaAddress address) {
    return new SendAlertsToKafka(address);
  }

  @Override
  public PDone expand(PCollection<WindowRow<String, Anomaly>> alerts) {
    return alerts
        .apply("ToJsonRecords", ParDo.of(new ToJsonRecordFn()))
        .apply(
            "WriteToKafka",
            KafkaIO.<String, String>write()
                .withBootstrapServers(address.bootstrapServers())
                .withTopic(address.topic())
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(StringSerializer.class));
  }

  /** An alert as (brand, JSON). */
  static final class ToJsonRecordFn extends DoFn<WindowRow<String, Anomaly>, KV<String, String>> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ProcessElement
    public void processElement(@Element WindowRow<String, Anomaly> alert, OutputReceiver<KV<String, String>> out) {
      Anomaly anomaly = alert.value();
      ObjectNode json = MAPPER.createObjectNode();
      json.put("brand", alert.key());
      json.put("window_start", Instant.ofEpochMilli(alert.windowStartMillis()).toString());
      json.put("window_end", Instant.ofEpochMilli(alert.windowEndMillis()).toString());
      json.put("metric", anomaly.metric());
      json.put("status", anomaly.status().name());
      json.put("observed", anomaly.observed());
      json.put("expected", anomaly.expected());
      json.put("score", anomaly.score());
      json.put("direction", anomaly.direction());
      json.put("severity", anomaly.severity().name());
      json.put("provisional", anomaly.provisional());
      json.put("baseline_windows", anomaly.baselineWindows());
      json.put("started_at", Instant.ofEpochMilli(anomaly.startedMillis()).toString());
      json.put("run_windows", anomaly.runWindows());
      json.put("observed_total", anomaly.observedTotal());
      json.put("expected_total", anomaly.expectedTotal());
      json.put("missing", anomaly.missing());
      json.put("pane_timing", alert.pane().timing().name());
      json.put("summary", anomaly.describe());
      out.output(KV.of(alert.key(), json.toString()));
    }
  }
}
