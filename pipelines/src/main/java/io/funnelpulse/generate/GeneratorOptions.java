package io.funnelpulse.generate;

import io.funnelpulse.pipelines.CommandOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of one {@link EventGenerator} run; change them with {@code withX(...)} copies.
 *
 * <pre>{@code
 * GeneratorOptions options = GeneratorOptions.defaults().withEvents(4_000_000).withDays(30).withFiles(8);
 * }</pre>
 *
 * <p>{@code malformedFraction} is relative to {@code events}: {@code round(events * fraction)}
 * malformed lines are added on top of the {@code events} valid rows. {@code outOfOrderFraction} of
 * the events are written later in the file, after events up to {@code outOfOrderMaxMinutes} of
 * event time newer than themselves. {@code --inject=brand:metric:start:hours:factor} (repeatable, or
 * comma-separated) puts anomalies into the data: see {@link AnomalyInjection}.
 */
public final class GeneratorOptions {

  private final long events;
  private final int days;
  private final int files;
  private final long seed;
  private final Instant start;
  private final boolean gzip;
  private final double outOfOrderFraction;
  private final int outOfOrderMaxMinutes;
  private final double malformedFraction;
  private final List<AnomalyInjection> injections;

  private GeneratorOptions(long events, int days, int files, long seed, Instant start, boolean gzip,
      double outOfOrderFraction, int outOfOrderMaxMinutes, double malformedFraction,
      List<AnomalyInjection> injections) {
    if (events < 0) {
      throw new IllegalArgumentException("events must be >= 0, got " + events);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
    if (files < 1) {
      throw new IllegalArgumentException("files must be >= 1, got " + files);
    }
    checkFraction("outOfOrderFraction", outOfOrderFraction);
    checkFraction("malformedFraction", malformedFraction);
    if (outOfOrderMaxMinutes < 1) {
      throw new IllegalArgumentException(
          "outOfOrderMaxMinutes must be >= 1, got " + outOfOrderMaxMinutes);
    }
    this.events = events;
    this.days = days;
    this.files = files;
    this.seed = seed;
    this.start = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.SECONDS);
    this.gzip = gzip;
    this.outOfOrderFraction = outOfOrderFraction;
    this.outOfOrderMaxMinutes = outOfOrderMaxMinutes;
    this.malformedFraction = malformedFraction;
    this.injections = List.copyOf(injections);
  }

  private static void checkFraction(String name, double value) {
    if (!(value >= 0.0 && value < 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }

  /** 200,000 events over 2 days from 2019-10-01T00:00:00Z into one plain file, seed 42. */
  public static GeneratorOptions defaults() {
    return new GeneratorOptions(200_000, 2, 1, 42L, Instant.parse("2019-10-01T00:00:00Z"), false,
        0.0, 30, 0.0, List.of());
  }

  /**
   * Parses the options of {@code generate} ({@link GenerateArguments}); {@code --output} is accepted
   * and left to the caller.
   *
   * @throws IllegalArgumentException on an unknown option or a bad value, naming it
   */
  public static GeneratorOptions fromArgs(String[] args) {
    return from(CommandOptions.parse(args, GenerateArguments.class));
  }

  /** The settings the generator's options ask for. */
  public static GeneratorOptions from(GeneratorArguments arguments) {
    Instant start;
    try {
      start = Instant.parse(arguments.getStart());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Bad value for --start: '" + arguments.getStart() + "' (an ISO-8601 instant such as 2019-10-01T00:00:00Z)", e);
    }
    List<AnomalyInjection> injections = new ArrayList<>();
    if (arguments.getInject() != null) {
      for (String spec : arguments.getInject()) {
        injections.addAll(AnomalyInjection.parseAll(spec));
      }
    }
    return new GeneratorOptions(arguments.getEvents(), arguments.getDays(), arguments.getFiles(), arguments.getSeed(),
        start, arguments.getGzip(), arguments.getOutOfOrderFraction(), arguments.getOutOfOrderMaxMinutes(),
        arguments.getMalformedFraction(), injections);
  }

  public GeneratorOptions withEvents(long n) {
    return new GeneratorOptions(n, days, files, seed, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  public GeneratorOptions withDays(int d) {
    return new GeneratorOptions(events, d, files, seed, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  public GeneratorOptions withFiles(int k) {
    return new GeneratorOptions(events, days, k, seed, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  public GeneratorOptions withSeed(long s) {
    return new GeneratorOptions(events, days, files, s, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  /** Start of the generated time range; truncated to whole seconds. */
  public GeneratorOptions withStart(Instant t) {
    return new GeneratorOptions(events, days, files, seed, t, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  public GeneratorOptions withGzip(boolean g) {
    return new GeneratorOptions(events, days, files, seed, start, g, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  public GeneratorOptions withOutOfOrderFraction(double f) {
    return new GeneratorOptions(events, days, files, seed, start, gzip, f,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  public GeneratorOptions withOutOfOrderMaxMinutes(int m) {
    return new GeneratorOptions(events, days, files, seed, start, gzip, outOfOrderFraction,
        m, malformedFraction, injections);
  }

  public GeneratorOptions withMalformedFraction(double f) {
    return new GeneratorOptions(events, days, files, seed, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, f, injections);
  }

  /** Anomalies to put into the data (see {@link AnomalyInjection}); empty by default. */
  public GeneratorOptions withInjections(List<AnomalyInjection> list) {
    return new GeneratorOptions(events, days, files, seed, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, list);
  }

  public long events() {
    return events;
  }

  public int days() {
    return days;
  }

  public int files() {
    return files;
  }

  public long seed() {
    return seed;
  }

  public Instant start() {
    return start;
  }

  public boolean gzip() {
    return gzip;
  }

  public double outOfOrderFraction() {
    return outOfOrderFraction;
  }

  public int outOfOrderMaxMinutes() {
    return outOfOrderMaxMinutes;
  }

  public double malformedFraction() {
    return malformedFraction;
  }

  public List<AnomalyInjection> injections() {
    return injections;
  }

  /** Number of malformed lines added on top of the valid events. */
  long malformedLines() {
    return Math.round(events * malformedFraction);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GeneratorOptions)) {
      return false;
    }
    GeneratorOptions x = (GeneratorOptions) o;
    return events == x.events && days == x.days && files == x.files && seed == x.seed
        && start.equals(x.start) && gzip == x.gzip
        && Double.compare(outOfOrderFraction, x.outOfOrderFraction) == 0
        && outOfOrderMaxMinutes == x.outOfOrderMaxMinutes
        && Double.compare(malformedFraction, x.malformedFraction) == 0
        && injections.equals(x.injections);
  }

  @Override
  public int hashCode() {
    return Objects.hash(events, days, files, seed, start, gzip, outOfOrderFraction,
        outOfOrderMaxMinutes, malformedFraction, injections);
  }

  @Override
  public String toString() {
    return "GeneratorOptions{events=" + events + ", days=" + days + ", files=" + files
        + ", seed=" + seed + ", start=" + start + ", gzip=" + gzip
        + ", outOfOrderFraction=" + outOfOrderFraction
        + ", outOfOrderMaxMinutes=" + outOfOrderMaxMinutes
        + ", malformedFraction=" + malformedFraction
        + (injections.isEmpty() ? "" : ", injections=" + injections) + "}";
  }
}
