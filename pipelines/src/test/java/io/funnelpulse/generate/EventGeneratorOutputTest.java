package io.funnelpulse.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, compression, determinism, disorder and malformed lines. */
class EventGeneratorOutputTest {

  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
  private static final GeneratorOptions SMALL = GeneratorOptions.defaults().withEvents(30_000);

  @TempDir Path tmp;

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    GeneratorOptions options = SMALL.withFiles(2).withGzip(true)
        .withOutOfOrderFraction(0.05).withMalformedFraction(0.01);
    List<String> first = digests(EventGenerator.of(options).writeTo(tmp.resolve("a")));
    List<String> again = digests(EventGenerator.of(options).writeTo(tmp.resolve("b")));
    List<String> other = digests(EventGenerator.of(options.withSeed(43)).writeTo(tmp.resolve("c")));
    assertThat(again, is(first));
    assertThat(other.get(0), not(first.get(0)));
    assertThat(other.get(1), not(first.get(1)));
  }

  @Test
  void filesSplitTheRowsEvenlyInTimeOrderEachWithTheHeader() throws IOException {
    GenerationReport report = EventGenerator.of(SMALL.withFiles(4)).writeTo(tmp);
    assertThat(names(report.files()),
        contains("events-00000.csv", "events-00001.csv", "events-00002.csv", "events-00003.csv"));
    List<String> all = new ArrayList<>();
    for (Path file : report.files()) {
      List<String> lines = read(file);
      assertThat(lines.get(0), is(HEADER));
      assertThat(lines.size() - 1, is(7_500));
      all.addAll(lines.subList(1, lines.size()));
    }
    List<String> streamed = new ArrayList<>();
    EventGenerator.of(SMALL.withFiles(4)).forEachLine(streamed::add);
    assertThat(all, is(streamed));
    long lastOfFirst = ValidRow.parse(read(report.files().get(0)).get(7_500)).get().epochSecond();
    long firstOfSecond = ValidRow.parse(read(report.files().get(1)).get(1)).get().epochSecond();
    assertThat(lastOfFirst, lessThanOrEqualTo(firstOfSecond));
    assertThat(report.validEvents(), is(30_000L));
    assertThat(report.firstEventTime().isBefore(Instant.parse("2019-10-01T01:00:00Z")), is(true));
    assertThat(report.lastEventTime().isBefore(Instant.parse("2019-10-03T00:00:00Z")), is(true));
  }

  @Test
  void gzipFilesReadBackAndARerunReplacesEarlierFiles() throws IOException {
    EventGenerator.of(SMALL.withFiles(3)).writeTo(tmp);
    GenerationReport report = EventGenerator.of(SMALL.withFiles(2).withGzip(true)).writeTo(tmp);
    assertThat(names(report.files()), contains("events-00000.csv.gz", "events-00001.csv.gz"));
    try (var listing = Files.list(tmp)) {
      assertThat(listing.count(), is(2L));
    }
    long rows = 0;
    for (Path file : report.files()) {
      List<String> lines = read(file);
      assertThat(lines.get(0), is(HEADER));
      rows += lines.size() - 1;
    }
    assertThat(rows, is(30_000L));
  }

  @Test
  void moreFilesThanEventsStillWritesEveryFileWithItsHeader() throws IOException {
    GenerationReport report = EventGenerator.of(SMALL.withEvents(3).withFiles(5)).writeTo(tmp);
    long rows = 0;
    for (Path file : report.files()) {
      List<String> lines = read(file);
      assertThat(lines.get(0), is(HEADER));
      rows += lines.size() - 1;
    }
    assertThat(report.files().size(), is(5));
    assertThat(rows, is(3L));
  }

  @Test
  void outOfOrderEventsGoBackInTimeWithinTheLimitButTheRowsStayTheSame() {
    List<String> ordered = lines(SMALL);
    List<String> shuffled = lines(SMALL.withOutOfOrderFraction(0.1).withOutOfOrderMaxMinutes(20));
    long backwards = 0;
    long maxMaxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    for (String line : shuffled) {
      long t = ValidRow.parse(line).get().epochSecond();
      if (t < maxMaxSeen) {
        backwards++;
        worstLag = Math.max(worstLag, maxMaxSeen - t);
      }
      maxMaxSeen = Math.max(maxMaxSeen, t);
    }
    assertThat(backwards, greaterThan(1_000L));
    assertThat(worstLag, lessThanOrEqualTo(20 * 60L));
    assertThat(sorted(shuffled), is(sorted(ordered)));
  }

  @Test
  void malformedLinesAreAddedOnTopAndReportedByKind() throws IOException {
    GenerationReport report =
        EventGenerator.of(SMALL.withMalformedFraction(0.02).withFiles(2)).writeTo(tmp);
    assertThat(report.malformedLines(), is(600L));
    assertThat(report.malformedByKind().keySet(), contains("bad_timestamp", "missing_event_time",
        "missing_price", "non_numeric_price", "unknown_event_type", "wrong_column_count"));
    List<String> lines = new ArrayList<>();
    for (Path file : report.files()) {
      List<String> fileLines = read(file);
      lines.addAll(fileLines.subList(1, fileLines.size()));
    }
    List<String> bad = lines.stream().filter(l -> ValidRow.parse(l).isEmpty())
        .collect(Collectors.toList());
    assertThat(lines.size(), is(30_600));
    assertThat(bad.size(), is(600));
    TreeMap<String, Long> seen = new TreeMap<>();
    for (String line : bad) {
      seen.merge(kindOf(line), 1L, Long::sum);
    }
    assertThat(seen, is(new TreeMap<>(report.malformedByKind())));
    assertThat(sorted(lines.stream().filter(l -> ValidRow.parse(l).isPresent())
        .collect(Collectors.toList())), is(sorted(lines(SMALL))));
  }

  /** Classifies a malformed line independently of the generator. */
  private static String kindOf(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 9) {
      return "wrong_column_count";
    }
    if (f[0].isEmpty()) {
      return "missing_event_time";
    }
    if (!f[0].matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC") || f[0].startsWith("2019-13")) {
      return "bad_timestamp";
    }
    if (f[6].isEmpty()) {
      return "missing_price";
    }
    if (!f[6].matches("-?\\d+\\.\\d{2}")) {
      return "non_numeric_price";
    }
    return f[1].equals("wishlist") ? "unknown_event_type" : "unexpected";
  }

  private static List<String> lines(GeneratorOptions options) {
    List<String> lines = new ArrayList<>();
    EventGenerator.of(options).forEachLine(lines::add);
    return lines;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
  }

  private static List<String> read(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().collect(Collectors.toList());
    }
  }

  private static List<String> digests(GenerationReport report)
      throws IOException, NoSuchAlgorithmException {
    List<String> digests = new ArrayList<>();
    for (Path file : report.files()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      digests.add(HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
    }
    return digests;
  }
}
