package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec$;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a Spark checkpoint before a stream resumes, on checkpoint files written as Spark writes
 * them (Java serialization compressed with Spark's codec) that name state directories which exist or
 * not. A real checkpoint is checked in {@link StreamingRestartTest}.
 */
class SparkCheckpointCheckTest {
  @TempDir Path dir;

  private Path sparkCheckpoint;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void createDirectories() throws Exception {
    sparkCheckpoint = Files.createDirectories(dir.resolve(SparkCheckpointCheck.SPARK_CHECKPOINT));
  }

  private String state(String run, int rdd, boolean exists) throws Exception {
    Path state = sparkCheckpoint.resolve(run).resolve("rdd-" + rdd);
    if (exists) {
      Files.createDirectories(state);
    }
    return "file:" + state.toAbsolutePath();
  }

  /** A checkpoint file whose serialized graph holds these state directories among other strings. */
  private void checkpointFile(String name, String... stateDirectories) throws Exception {
    Map<Long, Object> graph = new LinkedHashMap<>();
    graph.put(0L, "org.apache.spark.streaming.dstream.StateDStream");
    for (int i = 0; i < stateDirectories.length; i++) {
      graph.put(i + 1L, stateDirectories[i]);
    }
    graph.put(-1L, List.of("file:/not/a/state/directory", "rdd-5"));
    try (OutputStream file = Files.newOutputStream(sparkCheckpoint.resolve(name));
        OutputStream compressed = CompressionCodec$.MODULE$.createCodec(new SparkConf(false)).compressedOutputStream(file);
        ObjectOutputStream out = new ObjectOutputStream(compressed)) {
      out.writeObject(graph);
    }
  }

  private String resolve() throws Exception {
    return SparkCheckpointCheck.of(dir.toString(), new Configuration())
        .resolve(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private List<String> remaining() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(sparkCheckpoint)) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")).sorted().forEach(names::add);
    }
    return names;
  }

  @Test
  void findsTheStateDirectoriesASerializedCheckpointNames() throws Exception {
    String a = state("run-1", 7, true);
    String b = state("run-2", 807, false);
    checkpointFile("checkpoint-2000", a, b);
    SparkCheckpointCheck check = SparkCheckpointCheck.of(dir.toString(), new Configuration());
    assertThat(check.namedStateDirectories(new org.apache.hadoop.fs.Path(sparkCheckpoint.resolve("checkpoint-2000").toUri())),
        contains(a, b));
  }

  @Test
  void aWholeNewestCheckpointIsLeftAsItIs() throws Exception {
    checkpointFile("checkpoint-1000", state("run-1", 3, false));
    checkpointFile("checkpoint-2000", state("run-1", 7, true), state("run-1", 8, true));
    checkpointFile("checkpoint-2000.bk", state("run-1", 6, false));

    assertThat(resolve(), is("checkpoint-2000"));
    assertThat(remaining(), contains("checkpoint-1000", "checkpoint-2000", "checkpoint-2000.bk"));
    assertThat(printed.toString(StandardCharsets.UTF_8), is(""));
  }

  @Test
  void newerFilesThatNameMissingStateAreSetAsideAndTheStreamResumesFromTheNewestWholeOne() throws Exception {
    checkpointFile("checkpoint-1000", state("run-1", 3, true));
    checkpointFile("checkpoint-2000", state("run-1", 7, true), state("run-1", 807, false));
    checkpointFile("checkpoint-2000.bk", state("run-1", 5, true));
    checkpointFile("checkpoint-3000", state("run-1", 900, false));

    assertThat(resolve(), is("checkpoint-2000.bk"));
    assertThat(remaining(), contains("checkpoint-1000", "checkpoint-2000.bk"));
    try (Stream<Path> aside = Files.list(dir.resolve(SparkCheckpointCheck.SET_ASIDE))) {
      assertThat(aside.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList(),
          contains("checkpoint-2000", "checkpoint-3000"));
    }
    String said = printed.toString(StandardCharsets.UTF_8);
    assertThat(said, containsString("checkpoint-3000 (" + state("run-1", 900, false) + " is gone)"));
    assertThat(said, containsString("rdd-807 is gone"));
    assertThat(said, containsString("Resuming from checkpoint-2000.bk"));
  }

  @Test
  void aCheckpointWithNoWholeFileIsRefusedAndLeftUntouched() throws Exception {
    checkpointFile("checkpoint-1000", state("run-1", 3, false));
    checkpointFile("checkpoint-2000", state("run-1", 807, false));
    Files.write(sparkCheckpoint.resolve("checkpoint-2000.bk"), "cut short".getBytes(StandardCharsets.UTF_8));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, this::resolve);
    assertThat(refused.getMessage(), containsString("cannot be resumed: each of its 3 checkpoint files"));
    assertThat(refused.getMessage(), containsString("rdd-807 is gone"));
    assertThat(refused.getMessage(), containsString("Start with a new --checkpointDir and a new --output"));
    assertThat(remaining(), contains("checkpoint-1000", "checkpoint-2000", "checkpoint-2000.bk"));
    assertThat(Files.exists(dir.resolve(SparkCheckpointCheck.SET_ASIDE)), is(false));
  }

  @Test
  void noCheckpointYetIsNothingToCheck() throws Exception {
    assertThat(resolve(), is(nullValue()));
  }
}
