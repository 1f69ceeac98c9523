package io.funnelpulse.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * For tests: a real Spark 3.5 standalone cluster on loopback, a Master JVM and a Worker JVM started
 * from the jars that {@code runner-profiles/spark-standalone} assembles into a {@code SPARK_HOME}
 * (built by {@code mvn package} before the integration tests). The Worker launches executors (and, in
 * cluster deploy mode, drivers) as JVMs of their own under its work directory. Closing stops them all.
 */
public final class StandaloneSparkCluster implements AutoCloseable {
  private static final long START_DEADLINE_MILLIS = 90_000;
  private static final int WORKER_CORES = 2;
  private static final String WORKER_MEMORY = "3g";

  private final Path sparkHome;
  private final Path dir;
  private final int masterPort;
  private Process master;
  private Process worker;

  private StandaloneSparkCluster(Path sparkHome, Path dir, int masterPort) {
    this.sparkHome = sparkHome;
    this.dir = dir;
    this.masterPort = masterPort;
  }

  /** The SPARK_HOME the build assembled; fails with how to build it if it is missing. */
  public static Path builtSparkHome() {
    Path home = ChildJvm.projectRoot().resolve("runner-profiles/spark-standalone/target/spark-home");
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException("No Spark distribution at " + home
          + ": build it with mvn -q -pl runner-profiles/spark-standalone package");
    }
    return home;
  }

  /** Starts a Master and one Worker (2 cores, 3 GiB) with logs and work directory under {@code dir}. */
  public static StandaloneSparkCluster start(Path dir) throws Exception {
    StandaloneSparkCluster cluster = new StandaloneSparkCluster(builtSparkHome(), dir, freePort());
    try {
      cluster.startMaster();
      cluster.startWorker();
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startMaster() throws Exception {
    Path log = dir.resolve("master.log");
    master = ChildJvm.start(
        command("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())),
        environment(), log);
    awaitLine(master, log, "I have been elected leader");
  }

  private void startWorker() throws Exception {
    Path log = dir.resolve("worker.log");
    Files.createDirectories(workDir());
    worker = ChildJvm.start(
        command("org.apache.spark.deploy.worker.Worker", masterUrl(), "--host", "127.0.0.1",
            "--cores", String.valueOf(WORKER_CORES), "--memory", WORKER_MEMORY,
            "--work-dir", workDir().toString(), "--webui-port", String.valueOf(freePort())),
        environment(), log);
    awaitLine(worker, log, "Successfully registered with master");
  }

  private List<String> command(String mainClass, String... args) throws IOException {
    List<String> command = ChildJvm.javaWithOpens();
    command.addAll(List.of("-Xmx512m", "-cp", sparkHome.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * What the cluster's JVMs, and spark-submit beside them, need in their environment: SPARK_HOME (the
   * Worker builds executor command lines from its jars), the Scala version, loopback only.
   */
  public Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "SPARK_SCALA_VERSION", "2.12",
        "SPARK_LOCAL_IP", "127.0.0.1");
  }

  private static void awaitLine(Process process, Path log, String line) throws Exception {
    long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Exited with " + process.exitValue() + ":\n" + ChildJvm.tail(log, 40));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Not ready within " + START_DEADLINE_MILLIS + " ms:\n" + ChildJvm.tail(log, 40));
  }

  /** The master URL, {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The SPARK_HOME the cluster runs from. */
  public Path sparkHome() {
    return sparkHome;
  }

  /** The Worker's work directory: one {@code app-*} directory per application, {@code driver-*} per driver. */
  public Path workDir() {
    return dir.resolve("work");
  }

  /** The directories the Worker made for the executors of applications it ran. */
  public List<Path> executorDirs() throws IOException {
    return childDirs("app-", true);
  }

  /** The directories the Worker made for drivers it launched (cluster deploy mode). */
  public List<Path> driverDirs() throws IOException {
    return childDirs("driver-", false);
  }

  private List<Path> childDirs(String prefix, boolean oneLevelDown) throws IOException {
    List<Path> dirs = new ArrayList<>();
    if (!Files.isDirectory(workDir())) {
      return dirs;
    }
    try (Stream<Path> entries = Files.list(workDir())) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
        if (!oneLevelDown) {
          dirs.add(entry);
          continue;
        }
        try (Stream<Path> executors = Files.list(entry)) {
          executors.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
      }
    }
    return dirs;
  }

  /** A port free on loopback right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the Worker with the executors and drivers it launched, then the Master. */
  @Override
  public void close() throws InterruptedException {
    ChildJvm.stop(worker, 20);
    ChildJvm.stop(master, 20);
  }
}
