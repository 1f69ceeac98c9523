package io.funnelpulse.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * For tests: a real HDFS (one NameNode and one DataNode, Hadoop's MiniDFSCluster) in a JVM of its own,
 * started with Hadoop's {@code MiniHadoopClusterManager} from the jars that {@code
 * runner-profiles/hdfs-minicluster} copies (built by {@code mvn package} before the integration tests).
 * It listens on loopback only. Closing stops it.
 */
public final class MiniHdfs implements AutoCloseable {
  private static final long START_DEADLINE_MILLIS = 120_000;

  private final Path dir;
  private Process process;
  private int namenodePort;

  private MiniHdfs(Path dir) {
    this.dir = dir;
  }

  /** Starts HDFS with its data, logs and written configuration under {@code dir}. */
  public static MiniHdfs start(Path dir) throws Exception {
    MiniHdfs hdfs = new MiniHdfs(dir);
    try {
      hdfs.launch();
      return hdfs;
    } catch (Exception | Error e) {
      hdfs.close();
      throw e;
    }
  }

  private void launch() throws Exception {
    Path lib = ChildJvm.projectRoot().resolve("runner-profiles/hdfs-minicluster/target/lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException("No HDFS jars at " + lib
          + ": build them with mvn -q -pl runner-profiles/hdfs-minicluster package");
    }
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("conf"));
    Path details = dir.resolve("details.json");
    Path log = dir.resolve("hdfs.log");
    List<String> command = ChildJvm.javaWithOpens();
    command.addAll(List.of("-Xmx512m", "-Djava.io.tmpdir=" + dir.resolve("tmp"),
        "-cp", lib + "/*", "org.apache.hadoop.mapreduce.MiniHadoopClusterManager",
        "-nomr", "-format", "-nnport", "0", "-nnhttpport", "0", "-datanodes", "1",
        "-writeConfig", dir.resolve("conf/core-site.xml").toString(),
        "-writeDetails", details.toString(),
        "-D", "hdfs.minidfs.basedir=" + dir.resolve("dfs"),
        "-D", "dfs.replication=1",
        "-D", "dfs.permissions.enabled=false"));
    process = ChildJvm.start(command, Map.of(), log);
    long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
    // The details file is written once the NameNode is out of safe mode and the DataNode registered.
    while (!(Files.exists(details) && Files.size(details) > 0)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("HDFS exited with " + process.exitValue() + ":\n" + ChildJvm.tail(log, 40));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("HDFS not ready within " + START_DEADLINE_MILLIS + " ms:\n" + ChildJvm.tail(log, 40));
      }
      Thread.sleep(100);
    }
    String json = Files.readString(details);
    namenodePort = Integer.parseInt(json.replaceAll("(?s).*\"namenode_port\"\\s*:\\s*(\\d+).*", "$1"));
  }

  /** The file system's URI, {@code hdfs://127.0.0.1:<port>}. */
  public String uri() {
    return "hdfs://127.0.0.1:" + namenodePort;
  }

  /** {@code uri()} followed by {@code path} (which starts with '/'). */
  public String path(String path) {
    return uri() + path;
  }

  /** The job's {@code --hdfsConfiguration} option for this file system. */
  public String hdfsConfigurationOption() {
    return "--hdfsConfiguration=[{\"fs.defaultFS\":\"" + uri() + "\",\"dfs.replication\":\"1\"}]";
  }

  /** A client in this JVM. */
  public FileSystem client() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", uri());
    conf.set("dfs.replication", "1");
    return FileSystem.newInstance(URI.create(uri()), conf);
  }

  /** Copies the local {@code file} to {@code hdfsPath}. */
  public void put(Path file, String hdfsPath) throws IOException {
    try (FileSystem fs = client()) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path(path(hdfsPath)));
    }
  }

  /** Copies the HDFS directory {@code hdfsPath} (recursively) to the local directory {@code target}. */
  public void get(String hdfsPath, Path target) throws IOException {
    try (FileSystem fs = client()) {
      fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(path(hdfsPath)),
          new org.apache.hadoop.fs.Path(target.toUri()), true);
    }
  }

  /** Whether {@code hdfsPath} exists. */
  public boolean exists(String hdfsPath) throws IOException {
    try (FileSystem fs = client()) {
      return fs.exists(new org.apache.hadoop.fs.Path(path(hdfsPath)));
    }
  }

  @Override
  public void close() throws InterruptedException {
    ChildJvm.stop(process, 20);
  }
}
