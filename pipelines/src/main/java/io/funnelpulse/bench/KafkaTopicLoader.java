package io.funnelpulse.bench;

import io.funnelpulse.io.kafka.EventLineProducer;
import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.transforms.parse.InputFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Fills the benchmark's topic: creates it afresh with the given partitions and produces the generated
 * files' lines, in file order, as JSON values keyed by session: all at once, or file by file as a
 * {@link LandingSchedule.Delivery} for a paced run.
 */
final class KafkaTopicLoader implements LandingSchedule.Delivery, AutoCloseable {
  private final EventLineProducer producer;

  private KafkaTopicLoader(EventLineProducer producer) {
    this.producer = producer;
  }

  /** Recreates {@code address}'s topic and produces every line of {@code files}; returns the count. */
  static long load(KafkaAddress address, int partitions, List<Path> files)
      throws IOException, InterruptedException {
    recreateTopic(address, partitions);
    long lines = 0;
    try (EventLineProducer producer = EventLineProducer.to(address, InputFormat.JSON)) {
      for (Path file : files) {
        lines += send(producer, file);
      }
    }
    return lines;
  }

  /** Recreates {@code address}'s topic; the loader returned produces a file's lines as it lands. */
  static KafkaTopicLoader landingOn(KafkaAddress address, int partitions) throws IOException, InterruptedException {
    recreateTopic(address, partitions);
    return new KafkaTopicLoader(EventLineProducer.to(address, InputFormat.JSON));
  }

  @Override
  public void land(Path file) throws IOException {
    send(producer, file);
    producer.flush();
  }

  @Override
  public void close() throws IOException {
    producer.close();
  }

  private static long send(EventLineProducer producer, Path file) throws IOException {
    long lines = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine(); // header
      while ((line = reader.readLine()) != null) {
        producer.send(line);
        lines++;
      }
    }
    return lines;
  }

  private static void recreateTopic(KafkaAddress address, int partitions) throws IOException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address.bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      if (existing.contains(address.topic())) {
        admin.deleteTopics(List.of(address.topic())).all().get(30, TimeUnit.SECONDS);
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(address.topic())) {
          Thread.sleep(200);
        }
      }
      createWhenDeleted(admin, address.topic(), partitions);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Cannot recreate topic " + address, e);
    }
  }

  /** A just-deleted topic can take a moment to be gone everywhere: retry the creation until then. */
  private static void createWhenDeleted(Admin admin, String topic, int partitions)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }
}
