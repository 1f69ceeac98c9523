package io.funnelpulse.report;

import io.funnelpulse.pipelines.CommandOptions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The settings of one {@code report}, read from its options ({@link ReportArguments}): the run's output
 * directory, how many brands to chart one by one, and the range of windows (start inclusive, end
 * exclusive, epoch milliseconds; open ends are {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}).
 *
 * @param output the run's output directory
 * @param brands how many keys the charts show one by one
 * @param fromMillis the first window start included
 * @param toMillis the window starts included are before this
 */
public record ReportOptions(Path output, int brands, long fromMillis, long toMillis) {
  /** The first lines of {@code report --help}; the options follow. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: report --output=DIR [--brands=N] [--from=TIME] [--to=TIME]",
      "Writes DIR/report.html, one self-contained page of charts of the run's final views (no network needed).");

  /** The report of {@code output}, with the defaults. */
  public static ReportOptions of(Path output) {
    return new ReportOptions(output, 5, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Parses {@code --name=value} arguments; throws IllegalArgumentException naming a bad one. */
  public static ReportOptions fromArgs(String[] args) {
    ReportArguments arguments = CommandOptions.parse(args, ReportArguments.class);
    if (arguments.getOutput() == null || arguments.getOutput().isEmpty()) {
      throw new IllegalArgumentException("report needs --output=<a run's output directory>");
    }
    if (arguments.getBrands() < 0) {
      throw new IllegalArgumentException("--brands must be 0 or more, not " + arguments.getBrands());
    }
    long from = arguments.getFrom().isEmpty() ? Long.MIN_VALUE : instant("--from", arguments.getFrom());
    long to = arguments.getTo().isEmpty() ? Long.MAX_VALUE : instant("--to", arguments.getTo());
    if (from >= to) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    return new ReportOptions(Paths.get(arguments.getOutput()), arguments.getBrands(), from, to);
  }

  /** Whether a range was asked for. */
  public boolean hasRange() {
    return fromMillis != Long.MIN_VALUE || toMillis != Long.MAX_VALUE;
  }

  private static long instant(String option, String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
          : Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + "=" + value
          + ": not a date (2019-10-01) or a UTC time (2019-10-01T12:00:00Z)");
    }
  }
}
