package io.funnelpulse.pipelines;

/**
 * What a stream's run summary adds to a bounded run's: where its source stood at the end, and whether
 * the run resumed from an earlier run's checkpoint (its metrics then also count what was read before
 * the restart and read again after it).
 */
final class StreamFacts {
  private final SourceProgress source;
  private final boolean resumed;

  StreamFacts(SourceProgress source, boolean resumed) {
    this.source = source;
    this.resumed = resumed;
  }

  SourceProgress source() {
    return source;
  }

  boolean resumed() {
    return resumed;
  }
}
