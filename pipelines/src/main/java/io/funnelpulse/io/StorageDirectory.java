package io.funnelpulse.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A directory the job writes to or keeps state in: a local path, or a URI on any Hadoop file system
 * ({@code hdfs://}, {@code s3a://}, ...) reached with the Hadoop configuration of the options
 * ({@code HADOOP_CONF_DIR} or {@code --hdfsConfiguration}). It clears a table before a batch run,
 * writes the small files beside the tables, and tells whether it holds anything.
 *
 * <pre>{@code
 * StorageDirectory out = StorageDirectory.of(options.getOutput(), options);
 * out.deleteChild("funnel_hourly_brand");
 * out.writeFile("_run_summary.json", json);
 * }</pre>
 */
public final class StorageDirectory {
  private final String location;
  private final Configuration hadoopConf;

  private StorageDirectory(String location, Configuration hadoopConf) {
    this.location = location;
    this.hadoopConf = hadoopConf;
  }

  /** The directory at {@code location}, with the Hadoop configuration of {@code options}. */
  public static StorageDirectory of(String location, PipelineOptions options) {
    return new StorageDirectory(location, hadoopConfiguration(options));
  }

  /** The Hadoop configuration of {@code options} ({@code --hdfsConfiguration}, else the environment's). */
  public static Configuration hadoopConfiguration(PipelineOptions options) {
    List<Configuration> confs = options.as(HadoopFileSystemOptions.class).getHdfsConfiguration();
    return confs == null || confs.isEmpty() ? new Configuration() : confs.get(0);
  }

  /** {@code location} as a local path ({@code file://} URI or plain path). */
  public static Path localPath(String location) {
    return location.startsWith("file://") ? Paths.get(URI.create(location)) : Paths.get(location);
  }

  /** Whether {@code location} names a remote (non-local) file system by its scheme. */
  public static boolean isRemote(String location) {
    return location.contains("://") && !location.startsWith("file://");
  }

  /** Whether this directory is on a remote file system. */
  public boolean isRemote() {
    return isRemote(location);
  }

  /** The location for messages: absolute if local. */
  @Override
  public String toString() {
    return isRemote() ? location : localPath().toAbsolutePath().toString();
  }

  /** The location of {@code name} inside this directory, for messages. */
  public String child(String name) {
    return isRemote() ? stripSlash(location) + "/" + name : localPath().resolve(name).toAbsolutePath().toString();
  }

  /** Deletes the entry {@code name} of this directory and everything under it, if it exists. */
  public void deleteChild(String name) throws IOException {
    if (!isRemote()) {
      Path child = localPath().resolve(name);
      if (Files.isRegularFile(child)) {
        Files.delete(child);
      } else {
        LocalDirectories.deleteTree(child);
      }
      return;
    }
    org.apache.hadoop.fs.Path child = new org.apache.hadoop.fs.Path(child(name));
    FileSystem fs = child.getFileSystem(hadoopConf);
    if (fs.exists(child)) {
      fs.delete(child, true);
    }
  }

  /** Whether this directory exists and holds at least one entry. */
  public boolean hasEntries() throws IOException {
    if (!isRemote()) {
      Path dir = localPath();
      if (!Files.isDirectory(dir)) {
        return false;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        return entries.findAny().isPresent();
      }
    }
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
    FileSystem fs = dir.getFileSystem(hadoopConf);
    if (!fs.exists(dir)) {
      return false;
    }
    FileStatus[] entries = fs.listStatus(dir);
    return entries.length > 0;
  }

  /**
   * Writes {@code content} as the file {@code name} of this directory (through Beam's file systems, so
   * any scheme the job writes its tables to) and returns its location.
   */
  public String writeFile(String name, byte[] content) throws IOException {
    if (!isRemote()) {
      Path file = localPath().resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return file.toAbsolutePath().toString();
    }
    ResourceId file = FileSystems.matchNewResource(child(name), false);
    try (WritableByteChannel channel = FileSystems.create(file, "application/octet-stream");
        OutputStream out = Channels.newOutputStream(channel)) {
      out.write(content);
    }
    return file.toString();
  }

  private Path localPath() {
    return localPath(location);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
