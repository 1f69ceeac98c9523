package io.funnelpulse.replay;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Replays event lines into a landing directory or a Kafka topic: orders them by when they should arrive
 * (their event time, or event time plus the hold-back for the fractions chosen to arrive late or too
 * late), cuts them into small batches and lands each at the requested pace: a directory gets a small
 * CSV file per batch, written hidden and renamed into place, then (unless told not to) the end marker
 * that completes the job's input; a topic gets a record per line keyed by its session.
 */
public final class Replayer {
  private static final long MILLIS_PER_MINUTE = 60_000L;

  private final ReplayOptions options;

  private Replayer(ReplayOptions options) {
    this.options = options;
  }

  public static Replayer of(ReplayOptions options) {
    return new Replayer(options);
  }

  /** How a line is held back. */
  private enum Delay {
    NONE,
    LATE,
    TOO_LATE
  }

  /** One line and when it should arrive, in event time. */
  private static final class Arrival {
    final String line;
    final long arrivalMillis;
    final Delay delay;

    Arrival(String line, long arrivalMillis, Delay delay) {
      this.line = line;
      this.arrivalMillis = arrivalMillis;
      this.delay = delay;
    }
  }

  /** Lands every line; returns what was written. */
  public ReplayReport run() throws IOException, InterruptedException {
    List<Arrival> arrivals = schedule(readLines());
    long wallStart = System.currentTimeMillis();
    long firstArrival = arrivals.isEmpty() ? 0 : arrivals.get(0).arrivalMillis;
    int batches = 0;
    try (ReplayTarget target = ReplayTarget.of(options)) {
      for (int from = 0; from < arrivals.size(); from += options.eventsPerFile()) {
        List<Arrival> batch = arrivals.subList(from, Math.min(arrivals.size(), from + options.eventsPerFile()));
        waitForTurn(wallStart, batches, batch.get(0).arrivalMillis - firstArrival);
        target.land(batches, batch.stream().map(a -> a.line).collect(Collectors.toList()));
        batches++;
      }
      target.finish();
      long late = arrivals.stream().filter(a -> a.delay == Delay.LATE).count();
      List<String> tooLate =
          arrivals.stream().filter(a -> a.delay == Delay.TOO_LATE).map(a -> a.line).collect(Collectors.toList());
      return new ReplayReport(target.describe(), batches, arrivals.size(), late, tooLate, target.endMarked());
    }
  }

  private List<String> readLines() throws IOException {
    List<String> lines = new ArrayList<>();
    if (options.input() == null) {
      EventGenerator.of(options.generator()).forEachLine(lines::add);
      return lines;
    }
    for (Path file : matchInput(options.input())) {
      try (BufferedReader reader = open(file)) {
        String line;
        boolean first = true;
        while ((line = reader.readLine()) != null) {
          if (!(first && line.startsWith("event_time,"))) {
            lines.add(line);
          }
          first = false;
        }
      }
    }
    return lines;
  }

  private static List<Path> matchInput(String glob) throws IOException {
    Path pattern = Paths.get(glob).toAbsolutePath();
    Path dir = pattern.getParent();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> matched = files.filter(matcher::matches).sorted().collect(Collectors.toList());
      if (matched.isEmpty()) {
        throw new IOException("No files match " + glob);
      }
      return matched;
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Arrival order: event time, late and too-late ones held back; a line without a time keeps its place. */
  private List<Arrival> schedule(List<String> lines) {
    Random random = new Random(options.lateSeed());
    long holdBack = options.lateMinutes() * MILLIS_PER_MINUTE;
    long tooLateHoldBack = options.tooLateMinutes() * MILLIS_PER_MINUTE;
    List<Arrival> arrivals = new ArrayList<>(lines.size());
    long previous = Long.MIN_VALUE;
    for (String line : lines) {
      Outcome<EventRecord> parsed = RecordParser.parse(RawRecord.of(line, "replay", 0), InputFormat.AUTO);
      if (!parsed.succeeded()) {
        arrivals.add(new Arrival(line, previous, Delay.NONE));
        continue;
      }
      long time = parsed.value().eventTimeMillis();
      double draw = random.nextDouble();
      if (draw < options.lateFraction()) {
        arrivals.add(new Arrival(line, time + holdBack, Delay.LATE));
      } else if (draw < options.lateFraction() + options.tooLateFraction()) {
        arrivals.add(new Arrival(line, time + tooLateHoldBack, Delay.TOO_LATE));
      } else {
        arrivals.add(new Arrival(line, time, Delay.NONE));
      }
      previous = time;
    }
    arrivals.sort(Comparator.comparingLong(a -> a.arrivalMillis));
    return arrivals;
  }

  private void waitForTurn(long wallStart, int fileIndex, long eventMillisSinceStart)
      throws InterruptedException {
    long due;
    if (options.speedup() > 0) {
      due = wallStart + (long) (eventMillisSinceStart / options.speedup());
    } else if (options.filesPerSecond() > 0) {
      due = wallStart + (long) (fileIndex * 1000 / options.filesPerSecond());
    } else {
      return;
    }
    long wait = due - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

}
