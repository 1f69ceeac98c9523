package io.funnelpulse.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The job jar holds the job and nothing else of the project: no benchmarks, no tools (generate,
 * replay, verify, report), no DuckDB, no Flink (it runs on a Spark cluster); a tool run from it says where the tools live instead of failing on a
 * missing class.
 */
class JobJarIT {
  @TempDir Path dir;

  @Test
  void holdsTheJobWithoutBenchmarksToolsOrDuckDb() throws Exception {
    List<String> entries;
    try (JarFile jar = new JarFile(SparkSubmitScript.jobJar().toFile())) {
      entries = jar.stream().map(entry -> entry.getName()).collect(Collectors.toList());
    }
    assertThat(entries, hasItems(
        "io/funnelpulse/cli/FunnelPulse.class",
        "io/funnelpulse/pipelines/FunnelPipeline.class",
        "io/funnelpulse/transforms/aggregate/PreAggregate.class",
        "funnelpulse/schemas/funnel_hourly_brand.avsc"));
    List<String> leftOut = new ArrayList<>();
    for (String entry : entries) {
      if (entry.startsWith("io/funnelpulse/bench/") || entry.startsWith("io/funnelpulse/generate/")
          || entry.startsWith("io/funnelpulse/replay/") || entry.startsWith("io/funnelpulse/verify/")
          || entry.startsWith("io/funnelpulse/report/") || entry.startsWith("META-INF/resources/webjars/")
          || entry.startsWith("org/duckdb/") || entry.startsWith("org/apache/flink/")
          || entry.startsWith("org/apache/beam/runners/flink/")) {
        leftOut.add(entry);
      }
    }
    assertThat(leftOut, is(empty()));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aToolRunFromTheJobJarSaysWhereTheToolsAre() throws Exception {
    String printed = refusedRun("verify", "--input=x", "--output=y");
    assertThat(printed, containsString("The job jar holds the job (run) only"));
    assertThat(refusedRun("report", "--output=y"), containsString("The job jar holds the job (run) only"));
  }

  /**
   * What the job jar's main printed for {@code args}, with the logging API a cluster provides beside
   * it; it must exit with 2. (A run needs the rest of a Spark distribution: see
   * {@code SparkStandaloneClusterIT}.)
   */
  private String refusedRun(String... args) throws Exception {
    Path log = dir.resolve("child.log");
    String logging = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> command = new ArrayList<>(ChildJvm.javaWithOpens());
    command.addAll(List.of("-cp", SparkSubmitScript.jobJar() + File.pathSeparator + logging, "io.funnelpulse.cli.FunnelPulse"));
    command.addAll(List.of(args));
    Process process = ChildJvm.start(command, Map.of(), log);
    try {
      assertThat(process.waitFor(100, TimeUnit.SECONDS), is(true));
      assertThat(ChildJvm.tail(log, 20), process.exitValue(), is(2));
      return Files.readString(log);
    } finally {
      ChildJvm.stop(process, 5);
    }
  }
}
