package io.funnelpulse.verify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.deploy.RunCall;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} over a stream that left records out by design: three events that arrived after their
 * window's lateness ({@code too_late}) and one stamped years ahead ({@code future_event_time}). It
 * leaves the same lines out of its reference, by file and line, and passes over the whole input; it
 * says what it left out.
 */
class VerifyStreamLeftOutTest {
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");

  @TempDir Path dir;
  private int arrivals;

  private static String event(Instant time, int i) {
    return TIME.format(time) + "," + (i % 4 == 0 ? "cart" : "view") + "," + (100 + i % 9)
        + ",1,,brand" + (i % 3) + ",2.50,7,s" + i;
  }

  private void land(Path landing, String name, List<String> lines) throws Exception {
    Path file = Files.write(landing.resolve(name), lines, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++arrivals)));
  }

  @Test
  @Timeout(120)
  void verifyLeavesOutWhatTheStreamLeftOutAndPasses() throws Exception {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    List<String> first = new ArrayList<>(List.of(HEADER));
    for (int i = 0; i < 400; i++) {
      first.add(event(DAY.plusSeconds(60L * i), i));
    }
    land(landing, "a.csv", first);
    List<String> second = new ArrayList<>(List.of(HEADER));
    for (int i = 0; i < 3; i++) {
      second.add(event(DAY.plusSeconds(300L + i), 1000 + i));
    }
    second.add(event(Instant.parse("2029-12-31T23:59:59Z"), 2000));
    for (int i = 0; i < 10; i++) {
      second.add(event(DAY.plusSeconds(60L * (400 + i)), 3000 + i));
    }
    land(landing, "b.csv", second);
    land(landing, WatchedDirectorySource.END_MARKER, List.of());
    Path output = dir.resolve("out");

    RunCall run = RunCall.of("--source=WATCH", "--input=" + landing, "--output=" + output, "--runner=DirectRunner");
    assertThat(run.errors() + run.printed(), run.code(), is(0));

    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--input=" + landing + "/*.csv", "--output=" + output},
        new PrintStream(text, true, StandardCharsets.UTF_8));
    String report = text.toString(StandardCharsets.UTF_8);
    assertThat(report, code, is(0));
    assertThat(report, containsString("4 record(s) left out of the reference as the stream left them out "
        + "{future_event_time=1, too_late=3}"));
  }
}
