package io.funnelpulse.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** Counts what passes through on its way to the next sink, for the {@link GenerationReport}. */
final class Tally implements LineSink {

  private final LineSink next;
  private final TreeMap<String, Long> malformedByKind = new TreeMap<>();
  private long valid;
  private long minSecond = Long.MAX_VALUE;
  private long maxSecond = Long.MIN_VALUE;

  Tally(LineSink next) {
    this.next = next;
  }

  @Override
  public void valid(String line, long eventSecond) {
    valid++;
    minSecond = Math.min(minSecond, eventSecond);
    maxSecond = Math.max(maxSecond, eventSecond);
    next.valid(line, eventSecond);
  }

  @Override
  public void malformed(String line, String kind) {
    malformedByKind.merge(kind, 1L, Long::sum);
    next.malformed(line, kind);
  }

  GenerationReport report(List<Path> files) {
    return new GenerationReport(files, valid, malformedByKind,
        valid == 0 ? null : Instant.ofEpochSecond(minSecond),
        valid == 0 ? null : Instant.ofEpochSecond(maxSecond));
  }
}
