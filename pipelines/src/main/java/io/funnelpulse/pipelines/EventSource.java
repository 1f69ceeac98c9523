package io.funnelpulse.pipelines;

import io.funnelpulse.io.ReadEventFiles;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.model.RawRecord;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/** The kinds of event source the job reads from, chosen by {@code --source}. */
public enum EventSource {
  /** A bounded read of the files matching {@code --input}. */
  FILES,
  /** A streaming read of the files landing in the directory {@code --input}. */
  WATCH;

  /** The source transform for these options. */
  public PTransform<PBegin, PCollection<RawRecord>> transform(FunnelPulseOptions options) {
    if (this == FILES) {
      return ReadEventFiles.from(options.getInput());
    }
    return Read.from(
        WatchedDirectorySource.of(
                options.getInput(), Duration.standardMinutes(options.getMaxOutOfOrdernessMinutes()))
            .withMaxFilesPerPoll(options.getMaxFilesPerPoll())
            .withLatenessHorizon(
                Duration.standardMinutes(options.getWindowSizeMinutes()),
                Duration.standardMinutes(options.getAllowedLatenessMinutes())));
  }
}
