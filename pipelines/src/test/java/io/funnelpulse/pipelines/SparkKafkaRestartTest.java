package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.kafka.EmbeddedKafkaBroker;
import io.funnelpulse.replay.ReplayOptions;
import io.funnelpulse.replay.ReplayReport;
import io.funnelpulse.replay.Replayer;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import io.funnelpulse.verify.VerifyReport;
import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart of a Kafka stream on Spark: the job runs in a child JVM with a fixed checkpoint directory
 * while the first half of a day of generated events is produced to a 3-partition topic of a real
 * broker in this JVM; it is killed (SIGKILL) once its first output is written, started again with the
 * same arguments, and the second half is produced. It resumes from its checkpoint (not from group
 * offsets): the final view equals DuckDB's recomputation over all events (no window missing, no event
 * counted twice) and verify passes.
 *
 * <p>With a reader per group of partitions this test found the first hours short by about half on a
 * loaded machine: the Spark runner takes the latest of the readers' watermarks, and the restarted
 * readers did not progress evenly. The source now has one reader (see {@code OneReaderSource}).
 */
@Tag("slow")
class SparkKafkaRestartTest {
  private static final long DEADLINE_MILLIS = 240_000;
  private static final long POLL_MILLIS = 1_000;

  @TempDir Path dir;

  private static ReplayReport produce(String kafka, String inputGlob) throws Exception {
    return Replayer.of(ReplayOptions.fromArgs(new String[] {kafka, "--input=" + inputGlob,
        "--eventsPerFile=250", "--filesPerSecond=4"})).run();
  }

  private static VerifyReport verify(String inputGlob, Path output) throws Exception {
    return VerifyCommand.verify(VerifyOptions.fromArgs(new String[] {"--input=" + inputGlob, "--output=" + output}));
  }

  @Test
  @Timeout(600)
  void aKafkaJobKilledMidStreamResumesFromItsCheckpointWithoutLossOrDoubleCounting() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"))) {
      String topic = "events";
      broker.createTopic(topic, 3);
      Path generated = dir.resolve("generated");
      EventGenerator.of(GeneratorOptions.defaults().withEvents(20_000).withDays(1).withFiles(4).withSeed(5L))
          .writeTo(generated);
      String inputGlob = generated + File.separator + "*.csv";
      String kafka = "--to=kafka://" + broker.bootstrapServers() + "/" + topic;
      Path output = dir.resolve("out");
      Path checkpoint = dir.resolve("checkpoint");
      Path log = dir.resolve("job.log");
      String[] jobArgs = WithoutSessionTables.plus("--source=KAFKA", "--bootstrapServers=" + broker.bootstrapServers(),
          "--topic=" + topic, "--consumerGroup=funnelpulse-test", "--output=" + output);

      Process first = ChildStreamingJob.spark(checkpoint, log, jobArgs);
      try {
        // The generator's files follow event time: the first two hold the first half of the day.
        produce(kafka, generated + File.separator + "events-0000[01].csv");
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (ChildStreamingJob.parquetFiles(output) == 0 && System.currentTimeMillis() < deadline) {
          assertThat("first job died:\n" + ChildStreamingJob.tail(log), first.isAlive(), is(true));
          Thread.sleep(POLL_MILLIS);
        }
      } finally {
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      Process second = ChildStreamingJob.spark(checkpoint, log, jobArgs);
      try {
        produce(kafka, generated + File.separator + "events-0000[23].csv");
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        List<List<String>> differences = List.of(List.of("no comparison yet"));
        while (!differences.isEmpty() && System.currentTimeMillis() < deadline) {
          assertThat("restarted job died:\n" + ChildStreamingJob.tail(log), second.isAlive(), is(true));
          try {
            differences = DuckDb.differences(inputGlob, output.toString());
          } catch (SQLException notReadable) {
            // a file is being renamed into place; look again
          }
          if (!differences.isEmpty()) {
            Thread.sleep(POLL_MILLIS);
          }
        }
        assertThat(differences, is(empty()));
        // The page-view and Top-N tables are written by their own steps and may land a batch later.
        VerifyReport report = null;
        while ((report == null || !report.passed()) && System.currentTimeMillis() < deadline) {
          try {
            report = verify(inputGlob, output);
          } catch (SQLException notReadable) {
            // a file is being renamed into place; look again
          }
          if (report == null || !report.passed()) {
            Thread.sleep(POLL_MILLIS);
          }
        }
        assertThat("the output was never readable", report, is(notNullValue()));
        assertThat(report.toText(), report.passed(), is(true));
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
