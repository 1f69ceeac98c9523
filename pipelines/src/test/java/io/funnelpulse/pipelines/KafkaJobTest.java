package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.kafka.EmbeddedKafkaBroker;
import io.funnelpulse.replay.ReplayOptions;
import io.funnelpulse.replay.ReplayReport;
import io.funnelpulse.replay.Replayer;
import io.funnelpulse.transforms.parse.CsvFields;
import io.funnelpulse.transforms.parse.EventJson;
import io.funnelpulse.transforms.parse.InputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with {@code --source=KAFKA} against a real broker started in this JVM, on the Direct runner
 * (JSON values), on Spark streaming {@code local[2]} (CSV values) and on Flink in a child JVM (JSON
 * values). Generated events (1% malformed or
 * failing cleaning) are produced to a 3-partition topic while the job runs, keyed by session, in
 * arrival order with 2% held back 110 minutes (late, within the lateness) and 1% held back 4 hours. The dead letters then
 * hold exactly the records the test works out from the topic itself (unparseable, failing cleaning,
 * or past their window's horizon by their partition's watermark) with topic, partition and offset; the
 * final view equals DuckDB's recomputation over the other events; early and late panes were written.
 * On Spark and on Flink, a partition that receives its records only after the others were read to the
 * end of the day loses none of them. On Flink, a stream killed and started again reads every partition
 * once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class KafkaJobTest {
  private static final long DEADLINE_MILLIS = 150_000;
  private static final long POLL_MILLIS = 500;
  private static final int OUT_OF_ORDERNESS_MINUTES = 10;
  private static final int LATENESS_MINUTES = 120;

  @TempDir static Path brokerDir;
  @TempDir static Path dir;
  private EmbeddedKafkaBroker broker;

  @BeforeAll
  @Timeout(120)
  void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(brokerDir);
  }

  @AfterAll
  @Timeout(60)
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Timeout(300)
  void jsonEventsFromThreePartitionsOnDirect() throws Exception {
    streamAndCompare("direct-events", InputFormat.JSON, "--runner=DirectRunner");
  }

  @Test
  @Timeout(300)
  void csvEventsFromThreePartitionsOnSparkStreaming() throws Exception {
    streamAndCompare("spark-events", InputFormat.CSV, SparkStreamingArgs.local(dir.resolve("spark-checkpoint")));
  }

  /** On Flink (a child JVM, an embedded cluster): a reader per partition, each with its watermark. */
  @Test
  @Timeout(300)
  void jsonEventsFromThreePartitionsOnFlink() throws Exception {
    streamAndCompare("flink-events", InputFormat.JSON, flinkInChildJvm("flink-events"));
  }

  /**
   * Two partitions are read to the end of the day before the third receives any record. The job's
   * watermark must wait for the third: on Spark, with a reader per partition, it followed the most
   * advanced reader and the third partition's first hours were dropped by the windowing without being
   * marked too late.
   */
  @Test
  @Timeout(300)
  void aPartitionThatLagsBehindTheOthersLosesNothingOnSparkStreaming() throws Exception {
    String topic = "lagging-partition";
    Path generated = aDayForThreePartitions(topic);
    List<String> lines = LandedEvents.in(generated).texts();
    Path output = dir.resolve("out-" + topic);
    List<String> args = new ArrayList<>(List.of(SparkStreamingArgs.local(dir.resolve("lagging-checkpoint"))));
    args.addAll(List.of("--source=KAFKA", "--bootstrapServers=" + broker.bootstrapServers(), "--topic=" + topic,
        "--valueFormat=CSV", "--output=" + output, "--earlyFiringDelaySeconds=1"));
    PipelineResult result =
        StreamingJob.start(PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class));
    try (KafkaProducer<String, String> producer = producer()) {
      int ahead = sendToPartitions(producer, topic, lines, partition -> partition != 1);
      long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
      while (RunMetrics.of(result).recordsRead() < ahead && System.currentTimeMillis() < deadline) {
        Thread.sleep(POLL_MILLIS);
      }
      assertThat(RunMetrics.of(result).recordsRead(), is((long) ahead));

      sendToPartitions(producer, topic, lines, partition -> partition == 1);
      String inputGlob = generated + "/*.csv";
      assertThat(await(() -> DuckDb.differences(inputGlob, output.toString()), List.of()), is(empty()));
      assertThat(SourceProgress.of(result).tooLateRecords(), is(0L));
    } finally {
      SparkStreamingArgs.cancelNow(result);
    }
  }

  /**
   * On Flink every partition has a reader and a watermark of its own, and the job's watermark is the
   * least advanced split's: while the third partition is empty, the other two's events show in early
   * panes only, and once it receives its records none of them is dropped.
   */
  @Test
  @Timeout(300)
  void aPartitionThatLagsBehindTheOthersLosesNothingOnFlink() throws Exception {
    String topic = "lagging-partition-flink";
    Path generated = aDayForThreePartitions(topic);
    List<String> lines = LandedEvents.in(generated).texts();
    List<String> aheadLines = new ArrayList<>();
    aheadLines.add(CsvFields.REES46_HEADER);
    for (int i = 0; i < lines.size(); i++) {
      if (i % 3 != 1) {
        aheadLines.add(lines.get(i));
      }
    }
    Path ahead = Files.write(dir.resolve(topic + "-ahead.csv"), aheadLines, StandardCharsets.UTF_8);
    Path output = dir.resolve("out-" + topic);
    try (RunningStream stream = flinkInChildJvm(topic).start(List.of("--source=KAFKA",
            "--bootstrapServers=" + broker.bootstrapServers(), "--topic=" + topic, "--valueFormat=CSV",
            "--output=" + output, "--earlyFiringDelaySeconds=1"));
        KafkaProducer<String, String> producer = producer()) {
      sendToPartitions(producer, topic, lines, partition -> partition != 1);
      assertThat(await(() -> DuckDb.differences(ahead.toString(), output.toString()), List.of()), is(empty()));
      assertThat(DuckDb.scalar("SELECT count(*) FROM read_parquet('" + output
          + "/funnel_hourly_brand/*/*.parquet') WHERE pane_timing <> 'EARLY'"), is(0L));
      stream.progress();

      sendToPartitions(producer, topic, lines, partition -> partition == 1);
      String inputGlob = generated + "/*.csv";
      assertThat(await(() -> DuckDb.differences(inputGlob, output.toString()), List.of()), is(empty()));
      if (ChildStreamingJob.parquetFiles(output.resolve("dead_letter")) > 0) {
        assertThat(DuckDb.scalar("SELECT count(*) FROM read_parquet('" + output
            + "/dead_letter/*.parquet') WHERE reason = 'too_late'"), is(0L));
      }
    }
  }

  /**
   * Killed with SIGKILL once the first half of a day is in its output, a Flink stream started again
   * with the same arguments resumes each partition at the offsets of its retained checkpoint: the
   * second half added, the final view equals DuckDB's recomputation over the whole day (a partition
   * read again from its first offset would count its events twice).
   */
  @Test
  @Timeout(300)
  void aFlinkStreamKilledAndStartedAgainReadsEveryPartitionOnce() throws Exception {
    String topic = "restart-flink";
    Path generated = aDayForThreePartitions(topic);
    List<String> lines = LandedEvents.in(generated).texts();
    int half = lines.size() / 2;
    List<String> firstHalf = new ArrayList<>();
    firstHalf.add(CsvFields.REES46_HEADER);
    firstHalf.addAll(lines.subList(0, half));
    Path firstHalfFile = Files.write(dir.resolve(topic + "-first-half.csv"), firstHalf, StandardCharsets.UTF_8);
    Path output = dir.resolve("out-" + topic);
    List<String> args = List.of("--source=KAFKA", "--bootstrapServers=" + broker.bootstrapServers(),
        "--topic=" + topic, "--valueFormat=CSV", "--output=" + output, "--earlyFiringDelaySeconds=1");
    try (KafkaProducer<String, String> producer = producer()) {
      try (RunningStream killed = flinkInChildJvm(topic).start(args)) {
        sendToPartitions(producer, topic, lines.subList(0, half), partition -> true);
        assertThat(await(() -> DuckDb.differences(firstHalfFile.toString(), output.toString()), List.of()),
            is(empty()));
        killed.progress();
      }
      try (RunningStream resumed = flinkInChildJvm(topic).start(args)) {
        List<String> rest = lines.subList(half, lines.size());
        for (int i = 0; i < rest.size(); i++) {
          // Each line to the partition it would have had in one pass (line i to partition i % 3).
          producer.send(new ProducerRecord<>(topic, (half + i) % 3, null, rest.get(i)));
        }
        producer.flush();
        String inputGlob = generated + "/*.csv";
        assertThat(await(() -> DuckDb.differences(inputGlob, output.toString()), List.of()), is(empty()));
        resumed.progress();
      }
    }
    assertThat(Files.readString(dir.resolve(topic + ".log")), containsString("resuming from the checkpoint"));
  }

  /** Creates {@code topic} with three partitions; a generated day of 3,000 events for it, as CSV files. */
  private Path aDayForThreePartitions(String topic) throws Exception {
    broker.createTopic(topic, 3);
    Path generated = dir.resolve("generated-" + topic);
    EventGenerator.of(GeneratorOptions.defaults().withEvents(3_000).withDays(1).withFiles(1).withSeed(7L))
        .writeTo(generated);
    return generated;
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  /** Sends line {@code i} to partition {@code i % 3} when {@code chosen} takes it; how many were sent. */
  private static int sendToPartitions(
      KafkaProducer<String, String> producer, String topic, List<String> lines, IntPredicate chosen) {
    int sent = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (chosen.test(i % 3)) {
        producer.send(new ProducerRecord<>(topic, i % 3, null, lines.get(i)));
        sent++;
      }
    }
    producer.flush();
    return sent;
  }

  /** A stream under test: where its source stands, if its runner reports that while it runs, and its stop. */
  private interface RunningStream extends AutoCloseable {
    Optional<SourceProgress> progress() throws Exception;
  }

  /** Starts the job with the given arguments. */
  private interface StreamStarter {
    RunningStream start(List<String> args) throws Exception;
  }

  private static StreamStarter inThisJvm(String... runnerArgs) {
    return jobArgs -> {
      List<String> args = new ArrayList<>(List.of(runnerArgs));
      args.addAll(jobArgs);
      PipelineResult result = StreamingJob.start(
          PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FunnelPulseOptions.class));
      return new RunningStream() {
        @Override
        public Optional<SourceProgress> progress() {
          return Optional.of(SourceProgress.of(result));
        }

        @Override
        public void close() throws IOException {
          SparkStreamingArgs.cancelNow(result);
        }
      };
    };
  }

  /** The job on Flink in a child JVM (the Flink runner reports no metrics before the job ends). */
  private StreamStarter flinkInChildJvm(String name) {
    return jobArgs -> {
      Path log = dir.resolve(name + ".log");
      Process job = ChildStreamingJob.flink(dir.resolve(name + "-checkpoints"), log, jobArgs.toArray(new String[0]));
      return new RunningStream() {
        @Override
        public Optional<SourceProgress> progress() throws Exception {
          assertThat("the job died:\n" + ChildStreamingJob.tail(log), job.isAlive(), is(true));
          return Optional.empty();
        }

        @Override
        public void close() throws Exception {
          job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          Path kept = Files.createDirectories(Paths.get("target", "child-job-logs")).resolve(log.getFileName());
          Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
        }
      };
    };
  }

  private void streamAndCompare(String topic, InputFormat valueFormat, String... runnerArgs) throws Exception {
    streamAndCompare(topic, valueFormat, inThisJvm(runnerArgs));
  }

  private void streamAndCompare(String topic, InputFormat valueFormat, StreamStarter starter) throws Exception {
    broker.createTopic(topic, 3);
    Path generated = dir.resolve("generated-" + topic);
    EventGenerator.of(
            GeneratorOptions.defaults().withEvents(6_000).withDays(1).withFiles(2).withSeed(3L)
                .withMalformedFraction(0.01))
        .writeTo(generated);
    Path output = dir.resolve("out-" + topic);
    List<String> args = new ArrayList<>(List.of(
        "--source=KAFKA",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--topic=" + topic,
        "--valueFormat=" + valueFormat,
        "--output=" + output,
        "--earlyFiringDelaySeconds=1",
        "--maxOutOfOrdernessMinutes=" + OUT_OF_ORDERNESS_MINUTES,
        "--allowedLatenessMinutes=" + LATENESS_MINUTES));
    // With the session and sliding tables the Flink stream (RocksDB, two subtasks) missed the deadline.
    args.addAll(WithoutSessionTables.ARGS);
    try (RunningStream stream = starter.start(args)) {
      ReplayReport produced =
          Replayer.of(
                  ReplayOptions.fromArgs(
                      new String[] {
                        "--to=kafka://" + broker.bootstrapServers() + "/" + topic,
                        "--input=" + generated + "/*.csv",
                        "--valueFormat=" + valueFormat.name().toLowerCase(),
                        "--eventsPerFile=125",
                        "--filesPerSecond=2",
                        "--lateFraction=0.02",
                        "--lateMinutes=110",
                        "--tooLateFraction=0.01",
                        "--tooLateMinutes=240"
                      }))
              .run();

      TopicContents contents = TopicContents.read(broker.bootstrapServers(), topic, produced.lines());
      assertThat(contents.partitionsWithRecords(), is(3));
      List<List<String>> expectedDeadLetters =
          contents.expectedDeadLetters(valueFormat, LATENESS_MINUTES, OUT_OF_ORDERNESS_MINUTES);
      assertThat(expectedDeadLetters.stream().filter(r -> r.get(2).equals("too_late")).count(), greaterThan(10L));
      Path reference = writeReference(generated, contents.valuesExcept(expectedDeadLetters), valueFormat);

      String deadLetterQuery = "SELECT source, CAST(position AS VARCHAR), reason FROM read_parquet('" + output
          + "/dead_letter/*.parquet') ORDER BY source, position";
      assertThat(await(() -> DuckDb.query(deadLetterQuery), expectedDeadLetters), is(expectedDeadLetters));
      assertThat(await(() -> DuckDb.differences(reference.toString(), output.toString()), List.of()), is(empty()));
      Optional<SourceProgress> progress = stream.progress();
      if (progress.isPresent()) {
        assertThat(progress.get().tooLateRecords(),
            is(expectedDeadLetters.stream().filter(r -> r.get(2).equals("too_late")).count()));
        assertThat(progress.get().watermark() != null, is(true));
      }
      String panes = "SELECT count(*) FROM read_parquet('" + output
          + "/funnel_hourly_brand/*/*.parquet') WHERE pane_timing = ";
      assertThat(DuckDb.scalar(panes + "'EARLY'"), greaterThan(0L));
      assertThat(DuckDb.scalar(panes + "'LATE'"), greaterThan(0L));
    }
  }

  /** The CSV lines behind {@code values} (JSON values map back through the line they came from). */
  private static Path writeReference(Path generated, List<String> values, InputFormat valueFormat)
      throws Exception {
    Map<String, Deque<String>> csvByValue = new HashMap<>();
    for (String line : LandedEvents.in(generated).texts()) {
      String value = valueFormat == InputFormat.CSV ? line : EventJson.fromCsvLine(line);
      csvByValue.computeIfAbsent(value, v -> new ArrayDeque<>()).add(line);
    }
    List<String> content = new ArrayList<>();
    content.add(CsvFields.REES46_HEADER);
    for (String value : values) {
      content.add(csvByValue.get(value).removeFirst());
    }
    Path reference = generated.resolveSibling(generated.getFileName() + "-reference.csv");
    return Files.write(reference, content, StandardCharsets.UTF_8);
  }

  /** A query that may fail while files are being renamed into place. */
  private interface Query {
    List<List<String>> run() throws SQLException;
  }

  /** Polls {@code query} until it returns {@code wanted} or the deadline passes; its last answer. */
  private static List<List<String>> await(Query query, List<List<String>> wanted) throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    List<List<String>> last = List.of(List.of("no answer yet"));
    while (System.currentTimeMillis() < deadline) {
      try {
        last = query.run();
        if (last.equals(wanted)) {
          return last;
        }
      } catch (SQLException notReadable) {
        // no file yet, or one being renamed into place
      }
      Thread.sleep(POLL_MILLIS);
    }
    return last;
  }
}
