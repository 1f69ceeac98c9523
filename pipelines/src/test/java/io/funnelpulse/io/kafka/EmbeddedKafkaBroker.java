package io.funnelpulse.io.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) running inside the test JVM, on free
 * local ports, with its log in a directory of the test's. Starts in a few seconds; {@link #close()}
 * stops it.
 *
 * <p>Its {@link #main} runs one as a process of its own on fixed ports, for scripts that stop the
 * broker and start it again on the same log directory ({@code runner-profiles/soak.sh}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final long READY_TIMEOUT_MILLIS = 60_000;

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats a log directory under {@code dir}, starts the broker and waits until it answers. */
  public static EmbeddedKafkaBroker start(Path dir) throws Exception {
    return start(dir, freePort(), freePort());
  }

  /**
   * Starts a broker on the given ports with its log under {@code dir}, formatting the log directory
   * only the first time, so a broker stopped earlier starts again with its topics and records.
   */
  public static EmbeddedKafkaBroker start(Path dir, int brokerPort, int controllerPort) throws Exception {
    Path logs = Files.createDirectories(dir.resolve("kafka-logs"));
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logs.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    Path config = dir.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "embedded test broker");
    }
    if (!Files.exists(logs.resolve("meta.properties"))) {
      StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()});
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    server.startup();
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, "localhost:" + brokerPort);
    broker.awaitReady();
    return broker;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private void awaitReady() throws Exception {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    try (Admin admin = admin()) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception notYet) {
          if (System.currentTimeMillis() > deadline) {
            throw notYet;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /** Creates {@code topic} with {@code partitions} partitions and waits for it. */
  public void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private void createTopicIfAbsent(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        createTopic(topic, partitions);
      }
    }
  }

  /**
   * Runs a broker until the process is stopped (SIGTERM shuts it down cleanly): arguments are the log
   * directory, the broker port, the controller port, the topic and its partition count. The topic is
   * created if absent; {@code ready <host:port>} is printed once the broker answers.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: EmbeddedKafkaBroker <dir> <brokerPort> <controllerPort> <topic> <partitions>");
      System.exit(2);
    }
    EmbeddedKafkaBroker broker =
        start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    broker.createTopicIfAbsent(args[3], Integer.parseInt(args[4]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    System.out.println("ready " + broker.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** {@code host:port} of the broker's listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
