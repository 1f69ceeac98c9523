package io.funnelpulse.pipelines;

import io.funnelpulse.io.StorageDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec$;
import org.apache.spark.io.CompressionCodec;

/**
 * Before a Spark stream resumes: makes sure the checkpoint file Spark will read refers only to state
 * that is there, so a damaged checkpoint is found and said, never crash-looped on nor silently
 * replaced by reading everything again.
 *
 * <p>Why: Spark reads the newest {@code checkpoint-<time>} file (then its {@code .bk}, then older
 * ones) under {@code <checkpointDir>/spark-checkpoint}; the file names the directories of the state
 * it saved ({@code <uuid>/rdd-<n>}), and Spark deletes older such directories as it goes. If one the
 * newest file names is gone (a kill while Spark was writing or cleaning up, a partial copy of the
 * directory), the job fails at every start with {@code Checkpoint directory does not exist:
 * .../rdd-807}. This check reads each file as Spark would (newest first), lists the state directories
 * it names and takes the first file whose directories all exist: newer files that name missing ones
 * are moved to {@code <checkpointDir>/damaged-checkpoint-files} and the stream resumes from that
 * earlier moment (the micro-batches since are done again and their panes written again under the same
 * file names). If no file is whole, nothing is moved and the run is refused with exit code 2.
 */
public final class SparkCheckpointCheck {
  /** Where Beam's Spark runner keeps Spark's own checkpoint under {@code --checkpointDir}. */
  public static final String SPARK_CHECKPOINT = "spark-checkpoint";

  /** Where checkpoint files that name missing state are moved. */
  public static final String SET_ASIDE = "damaged-checkpoint-files";

  private static final Pattern CHECKPOINT_FILE = Pattern.compile("checkpoint-(\\d+)(\\.bk)?");
  private static final Pattern STATE_DIRECTORY = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:/.*/rdd-\\d+");
  private static final int TC_STRING = 0x74;

  private final FileSystem fs;
  private final Path sparkCheckpoint;

  private SparkCheckpointCheck(FileSystem fs, Path sparkCheckpoint) {
    this.fs = fs;
    this.sparkCheckpoint = sparkCheckpoint;
  }

  /** The check of the checkpoint under {@code checkpointDir}, on the file system Spark will use. */
  public static SparkCheckpointCheck of(String checkpointDir, Configuration conf) throws IOException {
    Path dir = new Path(checkpointDir, SPARK_CHECKPOINT);
    return new SparkCheckpointCheck(dir.getFileSystem(conf), dir);
  }

  /**
   * For a Spark stream resuming from {@code --checkpointDir}: sets aside checkpoint files that name
   * missing state and says so on {@code out}; an {@link IllegalArgumentException} if none is whole.
   */
  public static void prepare(FunnelPulseOptions options, PrintStream out) {
    if (options.getRunner() != SparkRunner.class) {
      return;
    }
    String dir = options.as(SparkPipelineOptions.class).getCheckpointDir();
    try {
      of(dir, StorageDirectory.hadoopConfiguration(options)).resolve(out);
    } catch (IOException e) {
      throw new IllegalArgumentException("--checkpointDir=" + dir + ": cannot read it: " + e.getMessage(), e);
    }
  }

  /**
   * Finds the newest whole checkpoint file and moves the newer damaged ones aside, printing what it
   * did; returns the file Spark will read, or null when there is no checkpoint file at all.
   */
  public String resolve(PrintStream out) throws IOException {
    List<Path> files = checkpointFiles();
    List<String> damage = new ArrayList<>();
    Path whole = null;
    for (Path file : files) {
      String missing = firstMissingState(file);
      if (missing == null) {
        whole = file;
        break;
      }
      damage.add(file.getName() + " (" + missing + ")");
    }
    if (files.isEmpty() || damage.isEmpty()) {
      return whole == null ? null : whole.getName();
    }
    if (whole == null) {
      throw new IllegalArgumentException("--checkpointDir=" + sparkCheckpoint.getParent()
          + " cannot be resumed: each of its " + files.size() + " checkpoint files names saved state that "
          + "is gone (" + damage.get(0) + "). Nothing was read or written. Start with a new "
          + "--checkpointDir and a new --output: the input is then read again from the start.");
    }
    Path setAside = new Path(sparkCheckpoint.getParent(), SET_ASIDE);
    fs.mkdirs(setAside);
    for (Path file : files) {
      if (file.equals(whole)) {
        break;
      }
      Path target = new Path(setAside, file.getName());
      if (fs.exists(target)) {
        target = new Path(setAside, file.getName() + "." + System.currentTimeMillis());
      }
      if (!fs.rename(file, target)) {
        throw new IOException("cannot move " + file + " to " + target);
      }
    }
    out.println("FunnelPulse streaming: the newest checkpoint is damaged: " + String.join("; ", damage)
        + " name saved state that is gone; set aside in " + setAside + ". Resuming from " + whole.getName()
        + ", an earlier moment: the micro-batches since are done again and their files written again "
        + "under the same names.");
    return whole.getName();
  }

  /** The checkpoint files in the order Spark tries them: newest time first, each before its backup. */
  public List<Path> checkpointFiles() throws IOException {
    if (!fs.exists(sparkCheckpoint)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    for (FileStatus status : fs.listStatus(sparkCheckpoint)) {
      if (status.isFile() && CHECKPOINT_FILE.matcher(status.getPath().getName()).matches()) {
        files.add(status.getPath());
      }
    }
    files.sort(Comparator.comparingLong(SparkCheckpointCheck::time).reversed()
        .thenComparing(p -> p.getName().endsWith(".bk")));
    return files;
  }

  private static long time(Path file) {
    Matcher m = CHECKPOINT_FILE.matcher(file.getName());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The first state directory {@code file} names that does not exist; "unreadable" if it cannot be read. */
  private String firstMissingState(Path file) throws IOException {
    Set<String> named;
    try {
      named = namedStateDirectories(file);
    } catch (IOException | RuntimeException e) {
      return "unreadable: " + e.getMessage();
    }
    for (String dir : named) {
      if (!fs.exists(new Path(dir))) {
        return dir + " is gone";
      }
    }
    return null;
  }

  /**
   * The state directories a checkpoint file names: its content decompressed with Spark's codec, then
   * every serialized string that is a URI ending in {@code /rdd-<n>}.
   */
  public Set<String> namedStateDirectories(Path file) throws IOException {
    byte[] content;
    CompressionCodec codec = CompressionCodec$.MODULE$.createCodec(new SparkConf(false));
    try (InputStream in = codec.compressedInputStream(fs.open(file))) {
      content = in.readAllBytes();
    }
    if (content.length < 4 || (content[0] & 0xff) != 0xac || (content[1] & 0xff) != 0xed) {
      throw new IOException("not a serialized checkpoint (" + content.length + " bytes)");
    }
    return stateDirectories(content);
  }

  /** Every Java-serialized string in {@code serialized} that names a state directory. */
  static Set<String> stateDirectories(byte[] serialized) {
    Set<String> found = new LinkedHashSet<>();
    for (int i = 0; i + 3 <= serialized.length; i++) {
      if (serialized[i] != TC_STRING) {
        continue;
      }
      int length = ((serialized[i + 1] & 0xff) << 8) | (serialized[i + 2] & 0xff);
      if (length < 8 || i + 3 + length > serialized.length) {
        continue;
      }
      String text = new String(serialized, i + 3, length, StandardCharsets.UTF_8);
      if (text.contains("/rdd-") && STATE_DIRECTORY.matcher(text).matches()) {
        found.add(text);
        i += 2 + length;
      }
    }
    return found;
  }
}
