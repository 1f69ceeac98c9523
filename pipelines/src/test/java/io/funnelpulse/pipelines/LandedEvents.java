package io.funnelpulse.pipelines;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.parse.CsvFields;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lines a replay landed, in arrival order (the replay's file names increase with it), and which of
 * them a watched-directory job must find too late: read in that order with a watermark of the highest
 * event time so far minus the out-of-orderness, a line is too late when its hour's end plus the
 * allowed lateness is not after the watermark. Written out independently of the source, as the test's
 * expectation.
 */
final class LandedEvents {
  /** One landed data line with its file and line number (the header is line 1). */
  static final class Line {
    final String file;
    final long number;
    final String text;

    Line(String file, long number, String text) {
      this.file = file;
      this.number = number;
      this.text = text;
    }

    List<String> position() {
      return List.of(file, Long.toString(number));
    }
  }

  private final List<Line> lines;

  private LandedEvents(List<Line> lines) {
    this.lines = lines;
  }

  static LandedEvents in(Path landing) throws IOException {
    List<Line> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(landing)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
        List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < content.size(); i++) {
          lines.add(new Line(file.toString(), i + 1, content.get(i)));
        }
      }
    }
    return new LandedEvents(lines);
  }

  /** The data lines' text, in arrival order. */
  List<String> texts() {
    return lines.stream().map(line -> line.text).collect(Collectors.toList());
  }

  /** The lines past their window's horizon when read, for hourly windows. */
  List<Line> tooLate(int latenessMinutes, int outOfOrdernessMinutes) {
    TooLateOracle oracle = new TooLateOracle(latenessMinutes, outOfOrdernessMinutes);
    List<Line> tooLate = new ArrayList<>();
    for (Line line : lines) {
      Outcome<EventRecord> parsed = RecordParser.parse(RawRecord.of(line.text, line.file, line.number), InputFormat.AUTO);
      if (!parsed.succeeded()) {
        continue;
      }
      if (oracle.readIsTooLate(parsed.value().eventTimeMillis())) {
        tooLate.add(line);
      }
    }
    return tooLate;
  }

  /** Writes the landed lines except {@code excluded} to one CSV file, for a reference over the rest. */
  Path writeWithout(List<Line> excluded, Path file) throws IOException {
    List<String> content = new ArrayList<>();
    content.add(CsvFields.REES46_HEADER);
    for (Line line : lines) {
      if (!excluded.contains(line)) {
        content.add(line.text);
      }
    }
    Files.createDirectories(file.getParent());
    return Files.write(file, content, StandardCharsets.UTF_8);
  }

  int size() {
    return lines.size();
  }
}
