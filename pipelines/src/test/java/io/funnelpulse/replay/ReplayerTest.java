package io.funnelpulse.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.transforms.parse.EventTimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** replay lands every line once, in small time-ordered files, with the requested late fraction. */
@Timeout(60)
class ReplayerTest {
  private static final String GENERATOR = "--events=5000";

  @TempDir Path dir;

  private static ReplayReport replay(String... args) throws Exception {
    return Replayer.of(ReplayOptions.fromArgs(args)).run();
  }

  /** Data lines of the landed files, in landing order. */
  private static List<String> landedLines(Path landing) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(landing)) {
      for (Path file : files.sorted().collect(Collectors.toList())) {
        List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(content.get(0), containsString("event_time,"));
        lines.addAll(content.subList(1, content.size()));
      }
    }
    return lines;
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().collect(Collectors.toList());
  }

  @Test
  void everyGeneratedLineLandsOnceInSmallFilesWithNoStagingLeft() throws Exception {
    Path landing = dir.resolve("landing");
    ReplayReport report = replay("--to=" + landing, GENERATOR, "--days=1", "--eventsPerFile=500");
    assertThat(report.files(), is(10));
    assertThat(report.lines(), is(5000L));
    List<String> expected = new ArrayList<>();
    EventGenerator.of(GeneratorOptions.fromArgs(new String[] {GENERATOR, "--days=1"}))
        .forEachLine(expected::add);
    assertThat(sorted(landedLines(landing)), is(sorted(expected)));
    try (Stream<Path> files = Files.list(landing)) {
      assertThat(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), is(true));
    }
  }

  @Test
  void lateLinesArriveAboutAnHourBehindTheRestAndTheReplayIsDeterministic() throws Exception {
    Path landing = dir.resolve("late");
    ReplayReport report =
        replay("--to=" + landing, GENERATOR, "--days=1", "--lateFraction=0.05", "--lateMinutes=60");
    assertThat(report.lateLines(), greaterThan(150L));
    assertThat(report.lateLines(), lessThanOrEqualTo(350L));
    long behind = 0;
    long maxSeen = Long.MIN_VALUE;
    for (String line : landedLines(landing)) {
      long time = EventTimes.parseMillis(line.substring(0, line.indexOf(',')));
      if (time < maxSeen - 30 * 60_000L) {
        behind++;
      }
      maxSeen = Math.max(maxSeen, time);
    }
    assertThat(behind, greaterThan(report.lateLines() / 2));
    assertThat(behind, lessThanOrEqualTo(report.lateLines()));

    Path again = dir.resolve("again");
    replay("--to=" + again, GENERATOR, "--days=1", "--lateFraction=0.05", "--lateMinutes=60");
    assertThat(landedLines(again), is(landedLines(landing)));
  }

  @Test
  void existingFilesReplayWithTheirLinesAndAPace() throws Exception {
    EventGenerator.of(GeneratorOptions.defaults().withEvents(2000).withDays(1).withFiles(2).withGzip(true))
        .writeTo(dir.resolve("source"));
    List<String> expected = new ArrayList<>();
    EventGenerator.of(GeneratorOptions.defaults().withEvents(2000).withDays(1)).forEachLine(expected::add);
    Path landing = dir.resolve("paced");
    long start = System.nanoTime();
    ReplayReport report =
        replay("--to=" + landing, "--input=" + dir.resolve("source") + "/*.csv.gz", "--eventsPerFile=500",
            "--filesPerSecond=20");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(report.files(), is(4));
    assertThat(elapsedMillis, greaterThanOrEqualTo(150L));
    assertThat(sorted(landedLines(landing)), is(sorted(expected)));
  }

  @Test
  void badArgumentsExitWithTwo() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    assertThat(ReplayCommand.run(new String[] {"--events=10"}, out), is(2));
    assertThat(ReplayCommand.run(new String[] {"--to=" + dir, "--eventz=10"}, out), is(2));
    assertThat(text.toString(StandardCharsets.UTF_8), containsString("--to"));
  }
}
