package io.funnelpulse.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.transforms.parse.EventTimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * replay lands every line once, in small time-ordered files, with the requested late and too-late
 * fractions, and then the end marker.
 */
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
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
        List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(content.get(0), containsString("event_time,"));
        lines.addAll(content.subList(1, content.size()));
      }
    }
    return lines;
  }

  private static long timeOf(String line) {
    return EventTimes.parseMillis(line.substring(0, line.indexOf(',')));
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
    assertThat(report.endMarked(), is(true));
    assertThat(Files.size(landing.resolve(WatchedDirectorySource.END_MARKER)), is(0L));
  }

  @Test
  void tooLateLinesArriveTheirHoldBackBehindAndAreReported() throws Exception {
    Path landing = dir.resolve("too-late");
    ReplayReport report = replay("--to=" + landing, GENERATOR, "--days=1", "--lateFraction=0.02",
        "--tooLateFraction=0.01", "--tooLateMinutes=240", "--endMarker=false");
    assertThat(report.tooLateLines().size(), greaterThan(20));
    assertThat(report.tooLateLines().size(), lessThanOrEqualTo(90));
    assertThat(Files.exists(landing.resolve(WatchedDirectorySource.END_MARKER)), is(false));
    Set<String> tooLate = new HashSet<>(report.tooLateLines());
    List<String> landed = landedLines(landing);
    long lastTime = landed.stream().mapToLong(ReplayerTest::timeOf).max().orElseThrow();
    Map<String, Long> copies = landed.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
    long maxSeen = Long.MIN_VALUE;
    int checked = 0;
    for (String line : landed) {
      long time = timeOf(line);
      // A line the data holds twice (a duplicated event) may have one copy on time.
      if (tooLate.contains(line) && copies.get(line) == 1 && time + 240 * 60_000L <= lastTime) {
        // Landed among events of about four hours later (a few minutes of slack for sparse hours);
        // those held back past the end of the data simply land last.
        assertThat(maxSeen - time, greaterThan(230 * 60_000L));
        checked++;
      }
      maxSeen = Math.max(maxSeen, time);
    }
    assertThat(checked, greaterThan(report.tooLateLines().size() / 2));
  }

  @Test
  void tooLateMustBeHeldBackLongerThanLate() {
    assertThrows(IllegalArgumentException.class, () -> ReplayOptions.fromArgs(new String[] {
        "--to=" + dir, "--lateMinutes=120", "--tooLateFraction=0.01", "--tooLateMinutes=90"}));
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
      long time = timeOf(line);
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
