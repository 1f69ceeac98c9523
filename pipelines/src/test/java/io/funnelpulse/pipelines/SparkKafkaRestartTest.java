package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart of a Kafka stream on Spark: while generated events are produced to a 3-partition topic of
 * a real broker in this JVM, the job runs in a child JVM with a fixed checkpoint directory; it is
 * killed (SIGKILL) once its first output is written and started again with the same arguments while
 * the producer goes on. It resumes from its checkpoint (not from group offsets): the final view equals
 * DuckDB's recomputation over all events (no window missing, no event counted twice) and verify passes.
 */
class SparkKafkaRestartTest {
  private static final long DEADLINE_MILLIS = 150_000;
  private static final long POLL_MILLIS = 1_000;

  @TempDir Path dir;

  @Test
  @Timeout(420)
  void aKafkaJobKilledMidStreamResumesFromItsCheckpointWithoutLossOrDoubleCounting() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"))) {
      String topic = "events";
      broker.createTopic(topic, 3);
      Path generated = dir.resolve("generated");
      EventGenerator.of(GeneratorOptions.defaults().withEvents(20_000).withDays(1).withFiles(4).withSeed(5L))
          .writeTo(generated);
      String inputGlob = generated + File.separator + "*.csv";
      CompletableFuture<ReplayReport> producing =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Replayer.of(ReplayOptions.fromArgs(new String[] {
                      "--to=kafka://" + broker.bootstrapServers() + "/" + topic, "--input=" + inputGlob,
                      "--eventsPerFile=250", "--filesPerSecond=2"})).run();
                } catch (Exception e) {
                  throw new IllegalStateException("producing failed", e);
                }
              });
      Path output = dir.resolve("out");
      Path checkpoint = dir.resolve("checkpoint");
      Path log = dir.resolve("job.log");
      String[] jobArgs = {"--source=KAFKA", "--bootstrapServers=" + broker.bootstrapServers(),
          "--topic=" + topic, "--consumerGroup=funnelpulse-test", "--output=" + output};

      Process first = SparkChildJob.start(checkpoint, log, jobArgs);
      try {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (SparkChildJob.parquetFiles(output) == 0 && System.currentTimeMillis() < deadline) {
          assertThat("first job died:\n" + SparkChildJob.tail(log), first.isAlive(), is(true));
          Thread.sleep(POLL_MILLIS);
        }
        assertThat("producer finished before the kill", producing.isDone(), is(false));
      } finally {
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      Process second = SparkChildJob.start(checkpoint, log, jobArgs);
      try {
        producing.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        List<List<String>> differences = List.of(List.of("no comparison yet"));
        while (!differences.isEmpty() && System.currentTimeMillis() < deadline) {
          assertThat("restarted job died:\n" + SparkChildJob.tail(log), second.isAlive(), is(true));
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
        VerifyReport report =
            VerifyCommand.verify(VerifyOptions.fromArgs(new String[] {"--input=" + inputGlob, "--output=" + output}));
        assertThat(report.toText(), report.passed(), is(true));
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
