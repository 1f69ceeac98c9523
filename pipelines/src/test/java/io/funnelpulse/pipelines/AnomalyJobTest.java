package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.bench.HourlyBrandFunnel;
import io.funnelpulse.generate.AnomalyInjection;
import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.kafka.EmbeddedKafkaBroker;
import io.funnelpulse.replay.ReplayOptions;
import io.funnelpulse.replay.Replayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomaly branch in the whole job: five generated days with a five-fold view spike of the busiest
 * brand on the last day. The bounded run on Direct writes the spike's alerts to {@code anomalies/};
 * the same events replayed into a watched directory and streamed on Spark streaming ({@code local[2]})
 * write the same alerts (every window the stream has closed). The stream path on the Direct runner is
 * {@code DetectAnomaliesTest}'s (a TestStream of shuffled panes gives the bounded run's alerts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class AnomalyJobTest {
  private static final long DEADLINE_MILLIS = 150_000;
  private static final long POLL_MILLIS = 1_000;
  /** Windows before this are closed in the stream (the last hours stay open: no later data). */
  private static final String CLOSED_BEFORE = "2019-10-05 20:00:00";
  private static final String SPIKE_HOUR = "2019-10-05T17";
  /**
   * 2 files of 2,000 events (about 8 hours of event time) per poll: the watermark must not move more
   * than a day at once, or a day's windows could be judged before their baseline arrived. A Spark
   * micro-batch's read (200 ms) can span two polls (one per 200 ms): 16 hours at most. With 4 files
   * per poll, one run saw a window judged before the same hour of the day before was in state.
   */
  private static final int EVENTS_PER_FILE = 2_000;
  private static final int FILES_PER_POLL = 2;
  private static final String[] THRESHOLDS = {"--anomalyBaselineDays=3", "--anomalyMinBaselineDays=3"};

  @TempDir static Path dir;
  private EmbeddedKafkaBroker broker;
  private String inputGlob;
  private String brand;
  private List<List<String>> batchAlerts;

  @BeforeAll
  @Timeout(180)
  void generateAndRunBounded() throws Exception {
    GeneratorOptions days = GeneratorOptions.defaults().withEvents(60_000).withDays(5).withFiles(2).withSeed(9L);
    brand = HourlyBrandFunnel.of(days.withEvents(20_000)).brandsByViews().get(0);
    EventGenerator.of(days.withInjections(List.of(AnomalyInjection.parse(brand + ":views:" + SPIKE_HOUR + ":2:5"))))
        .writeTo(dir.resolve("generated"));
    inputGlob = dir.resolve("generated") + "/*.csv";
    broker = EmbeddedKafkaBroker.start(dir.resolve("broker"));
    broker.createTopic("alerts", 1);
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--input=" + inputGlob,
        "--output=" + dir.resolve("batch"), "--clickstreamTables=false",
        "--alertsTopic=kafka://" + broker.bootstrapServers() + "/alerts"));
    args.addAll(List.of(THRESHOLDS));
    args.addAll(WithoutSessionTables.ARGS);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    BatchJob.run(
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class),
        new PrintStream(text, true, StandardCharsets.UTF_8));
    batchAlerts = alerts(dir.resolve("batch"));
  }

  @AfterAll
  @Timeout(60)
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  /** With {@code --alertsTopic}, every alert state of the bounded run is also a record of the topic. */
  @Test
  @Timeout(120)
  void theBoundedRunSendsEachAlertToTheAlertsTopic() throws Exception {
    List<List<String>> expected = new ArrayList<>(DuckDb.query("SELECT brand, strftime(window_start, '%Y-%m-%dT%H:%M:%SZ'), metric, "
        + "direction, severity, status, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') FROM read_parquet('"
        + dir.resolve("batch") + "/anomalies/*/*.parquet') ORDER BY ALL"));
    assertThat(expected.isEmpty(), is(false));
    List<List<String>> sent = new ArrayList<>();
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    ObjectMapper mapper = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition("alerts", 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.currentTimeMillis() + 60_000;
      while (sent.size() < expected.size() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(java.time.Duration.ofMillis(500))) {
          JsonNode alert = mapper.readTree(record.value());
          assertThat(record.key(), is(alert.path("brand").asText()));
          sent.add(List.of(alert.path("brand").asText(), alert.path("window_start").asText(),
              alert.path("metric").asText(), alert.path("direction").asText(), alert.path("severity").asText(),
              alert.path("status").asText(), alert.path("started_at").asText()));
        }
      }
    }
    sent.sort(java.util.Comparator.comparing(Object::toString));
    expected.sort(java.util.Comparator.comparing(Object::toString));
    assertThat(sent, equalTo(expected));
  }

  /** The non-provisional alert states of closed windows under {@code output}, sorted, one list per row. */
  private static List<List<String>> alerts(Path output) throws SQLException {
    return DuckDb.query("SELECT brand, CAST(window_start AS VARCHAR), metric, observed, expected, round(score, 9), "
        + "direction, severity, baseline_windows, status, CAST(started_at AS VARCHAR), run_windows, "
        + "round(observed_total, 9), round(expected_total, 9) FROM read_parquet('" + output + "/anomalies/*/*.parquet') "
        + "WHERE NOT provisional AND window_start < TIMESTAMP '" + CLOSED_BEFORE + "' ORDER BY ALL");
  }

  @Test
  void theBoundedRunFindsTheInjectedSpike() {
    System.out.println("Bounded run alerts: " + batchAlerts);
    List<String> spike = new ArrayList<>();
    for (List<String> alert : batchAlerts) {
      if (alert.get(0).equals(brand) && alert.get(2).equals("views")) {
        spike.add(alert.get(1) + " " + alert.get(6) + " " + alert.get(9));
      }
    }
    assertThat(spike, hasItem("2019-10-05 17:00:00+00 SPIKE OPENED"));
    assertThat(spike, hasItem("2019-10-05 18:00:00+00 SPIKE UPDATED"));
  }

  @Test
  @Timeout(300)
  void aStreamingReplayOnSparkStreamingWritesTheSameAlerts() throws Exception {
    assertThat(streamed(SparkStreamingArgs.local(dir.resolve("spark-checkpoint"))), equalTo(batchAlerts));
  }

  private List<List<String>> streamed(String... runnerArgs) throws Exception {
    Path landing = Files.createDirectories(dir.resolve("landing-" + runnerArgs[0].hashCode()));
    Path output = dir.resolve("stream-" + runnerArgs[0].hashCode());
    List<String> args = new ArrayList<>(List.of(runnerArgs));
    args.addAll(List.of("--source=WATCH", "--input=" + landing, "--output=" + output, "--clickstreamTables=false",
        "--maxFilesPerPoll=" + FILES_PER_POLL));
    args.addAll(List.of(THRESHOLDS));
    args.addAll(WithoutSessionTables.ARGS);
    PipelineResult result = StreamingJob.start(
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class));
    try {
      Replayer.of(ReplayOptions.fromArgs(new String[] {
        "--to=" + landing, "--input=" + inputGlob, "--eventsPerFile=" + EVENTS_PER_FILE, "--filesPerSecond=20"})).run();
      long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
      List<List<String>> found = List.of();
      while (System.currentTimeMillis() < deadline) {
        try {
          found = alerts(output);
          if (found.equals(batchAlerts)) {
            break;
          }
        } catch (SQLException noFilesYet) {
          // no alert written yet
        }
        Thread.sleep(POLL_MILLIS);
      }
      assertThat(found.isEmpty(), is(false));
      return found;
    } finally {
      SparkStreamingArgs.cancelNow(result);
    }
  }
}
