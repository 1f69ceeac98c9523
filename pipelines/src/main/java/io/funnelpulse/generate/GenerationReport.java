package io.funnelpulse.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@link EventGenerator} run wrote: the files, the number of valid event rows and of
 * malformed lines (per kind), and the earliest and latest event time among the valid rows.
 *
 * <pre>{@code
 * GenerationReport report = EventGenerator.of(options).writeTo(dir);
 * System.out.println(report); // one summary line
 * }</pre>
 */
public final class GenerationReport {

  private final List<Path> files;
  private final long validEvents;
  private final SortedMap<String, Long> malformedByKind;
  private final Instant firstEventTime;
  private final Instant lastEventTime;

  GenerationReport(List<Path> files, long validEvents, SortedMap<String, Long> malformedByKind,
      Instant firstEventTime, Instant lastEventTime) {
    this.files = List.copyOf(files);
    this.validEvents = validEvents;
    this.malformedByKind = Collections.unmodifiableSortedMap(new TreeMap<>(malformedByKind));
    this.firstEventTime = firstEventTime;
    this.lastEventTime = lastEventTime;
  }

  /** The files written, in order ({@code events-00000.csv}, ...); empty for in-memory runs. */
  public List<Path> files() {
    return files;
  }

  /** Valid event rows written: the requested {@code events}, plus or minus rows of injected anomalies. */
  public long validEvents() {
    return validEvents;
  }

  /** Malformed lines written on top of the valid rows. */
  public long malformedLines() {
    long total = 0;
    for (long n : malformedByKind.values()) {
      total += n;
    }
    return total;
  }

  /** Malformed lines per kind (e.g. {@code bad_timestamp}); only kinds actually written. */
  public SortedMap<String, Long> malformedByKind() {
    return malformedByKind;
  }

  /** Earliest event time among valid rows, or {@code null} when there are none. */
  public Instant firstEventTime() {
    return firstEventTime;
  }

  /** Latest event time among valid rows, or {@code null} when there are none. */
  public Instant lastEventTime() {
    return lastEventTime;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GenerationReport)) {
      return false;
    }
    GenerationReport r = (GenerationReport) o;
    return validEvents == r.validEvents && files.equals(r.files)
        && malformedByKind.equals(r.malformedByKind)
        && Objects.equals(firstEventTime, r.firstEventTime)
        && Objects.equals(lastEventTime, r.lastEventTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(files, validEvents, malformedByKind, firstEventTime, lastEventTime);
  }

  @Override
  public String toString() {
    String where = files.isEmpty() ? "" : " in " + files.size() + " file(s) under "
        + files.get(0).toAbsolutePath().getParent();
    return "Generated " + validEvents + " events" + where
        + (firstEventTime == null ? "" : ", event time " + firstEventTime + " .. " + lastEventTime)
        + ", malformed lines " + malformedLines() + " " + malformedByKind;
  }
}
