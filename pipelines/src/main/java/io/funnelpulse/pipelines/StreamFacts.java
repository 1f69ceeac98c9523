package io.funnelpulse.pipelines;

/**
 * What a stream's run summary adds to a bounded run's: where its source stood at the end, whether
 * the run resumed from an earlier run's checkpoint (its metrics then also count what was read before
 * the restart and read again after it), and the signal that stopped it, if one did.
 */
final class StreamFacts {
  private final SourceProgress source;
  private final boolean resumed;
  private final String stoppedBy;
  private final String resumeHint;

  StreamFacts(SourceProgress source, boolean resumed, String stoppedBy, String resumeHint) {
    this.source = source;
    this.resumed = resumed;
    this.stoppedBy = stoppedBy;
    this.resumeHint = resumeHint;
  }

  /** What starting the stream again does. */
  String resumeHint() {
    return resumeHint;
  }

  /** The signal that stopped the stream (SIGTERM, SIGINT), or {@code null}. */
  String stoppedBy() {
    return stoppedBy;
  }

  SourceProgress source() {
    return source;
  }

  boolean resumed() {
    return resumed;
  }
}
