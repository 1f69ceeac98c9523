package io.funnelpulse.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}'s refusals: bad options and a directory that is not a run's output get a clear error and exit 2. */
class ReportCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String printed, String errors) {}

  private static Outcome report(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aDirectoryThatIsNotARunsOutputIsRefused() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "not a table");
    Outcome outcome = report("--output=" + dir);
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("is not a FunnelPulse run's output: it holds no _run_summary.json "
        + "and no funnel or dead-letter table"));
    assertThat(Files.exists(dir.resolve(ReportCommand.FILE_NAME)), is(false));
  }

  @Test
  void aMissingDirectoryIsRefused() throws Exception {
    Outcome outcome = report("--output=" + dir.resolve("nowhere"));
    assertThat(outcome.code(), is(2));
    assertThat(outcome.errors(), containsString("is not a directory"));
  }

  @Test
  void badOptionsAreRefusedWithTheirName() throws Exception {
    assertThat(report().errors(), containsString("--output"));
    assertThat(report("--output=" + dir, "--from=yesterday").errors(),
        containsString("--from=yesterday: not a date (2019-10-01) or a UTC time (2019-10-01T12:00:00Z)"));
    assertThat(report("--output=" + dir, "--from=2019-10-02", "--to=2019-10-01").errors(),
        containsString("--from must be before --to"));
    assertThat(report("--output=" + dir, "--brands=-1").code(), is(2));
  }

  @Test
  void aRangeIsReadAsUtcDatesOrTimes() {
    ReportOptions options = ReportOptions.fromArgs(
        new String[] {"--output=" + dir, "--from=2019-10-01", "--to=2019-10-01T12:00:00Z", "--brands=3"});
    assertThat(options.fromMillis(), is(1569888000000L));
    assertThat(options.toMillis(), is(1569888000000L + 12 * 3_600_000L));
    assertThat(options.brands(), is(3));
    assertThat(options.hasRange(), is(true));
    assertThat(ReportOptions.of(dir).hasRange(), is(false));
  }
}
