package io.funnelpulse.pipelines;

import io.funnelpulse.io.ReadEventFiles;
import io.funnelpulse.io.kafka.ReadKafkaEvents;
import io.funnelpulse.io.watch.ReadWatchedDirectory;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/** The kinds of event source the job reads from, chosen by {@code --source}. */
public enum EventSource {
  /** A bounded read of the files matching {@code --input}. */
  FILES,
  /** A streaming read of the files landing in the directory {@code --input}. */
  WATCH,
  /** A streaming read of Kafka topics ({@code --bootstrapServers}, {@code --topic}). */
  KAFKA;

  /** How this source's records are parsed: Kafka's {@code --valueFormat}, else {@code --inputFormat}. */
  public InputFormat inputFormat(FunnelPulseOptions options) {
    return this == KAFKA ? options.getValueFormat() : options.getInputFormat();
  }

  /** Whether this source is unbounded (the job runs as a stream). */
  public boolean isStreaming() {
    return this != FILES;
  }

  /** What the source reads, for messages. */
  public String describe(FunnelPulseOptions options) {
    return this == KAFKA
        ? "Kafka topic " + options.getTopic() + " at " + options.getBootstrapServers()
        : options.getInput();
  }

  /** The source transform for these options. */
  public PTransform<PBegin, PCollection<RawRecord>> transform(FunnelPulseOptions options) {
    if (this == FILES) {
      return ReadEventFiles.from(options.getInput())
          .withMaxLineBytes(options.getMaxLineBytes())
          .failingOnUnreadableFiles(options.getFailOnUnreadableFiles());
    }
    if (this == KAFKA) {
      ReadKafkaEvents read =
          ReadKafkaEvents.from(options.getBootstrapServers(), options.getTopic())
              .withEventTime(
                  options.getValueFormat(),
                  Duration.standardMinutes(options.getMaxOutOfOrdernessMinutes()),
                  Duration.standardMinutes(options.getWindowSizeMinutes()),
                  Duration.standardMinutes(options.getAllowedLatenessMinutes()))
              .withMaxEventTimeJump(Duration.standardMinutes(options.getMaxEventTimeJumpMinutes()))
              .withOneReader(RunnerWorkarounds.readsKafkaWithOneReader(options))
              .startingAt(options.getStartingOffsets())
              .withConsumerProperties(ReadKafkaEvents.parseProperties(options.getConsumerProperties()));
      return options.getConsumerGroup().isEmpty() ? read : read.inGroup(options.getConsumerGroup());
    }
    return ReadWatchedDirectory.of(
        WatchedDirectorySource.of(
                options.getInput(), Duration.standardMinutes(options.getMaxOutOfOrdernessMinutes()))
            .withMaxFilesPerPoll(options.getMaxFilesPerPoll())
            .withMaxLineBytes(options.getMaxLineBytes())
            .withMaxEventTimeJump(Duration.standardMinutes(options.getMaxEventTimeJumpMinutes()))
            .withLatenessHorizon(
                Duration.standardMinutes(options.getWindowSizeMinutes()),
                Duration.standardMinutes(options.getAllowedLatenessMinutes()))
            .countingReadsAfterEnd(!FlinkSettings.isFlink(options)));
  }
}
