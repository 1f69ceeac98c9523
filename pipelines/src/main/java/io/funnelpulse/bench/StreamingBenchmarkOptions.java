package io.funnelpulse.bench;

import io.funnelpulse.pipelines.EventSource;
import io.funnelpulse.pipelines.FunnelPulseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the streaming benchmark: the job's own options (runner, windowing, {@code --preAggregate},
 * ...) plus how much to generate ({@code --sampleEvents}, {@code --sampleDays}) and how it arrives.
 */
public interface StreamingBenchmarkOptions extends FunnelPulseOptions {
  @Description("Events per landed file.")
  @Default.Integer(5_000)
  Integer getEventsPerFile();

  void setEventsPerFile(Integer value);

  @Description(
      "Arrival rate in events per second while the job runs; 0 lands every file before the job starts, "
          + "so the job reads as fast as it can.")
  @Default.Long(0L)
  Long getArrivalEventsPerSecond();

  void setArrivalEventsPerSecond(Long value);

  @Description("Working directory: generated events, landing directory, checkpoint and output.")
  @Default.String("")
  String getBenchDir();

  void setBenchDir(String value);

  @Description("Give up (and report what was processed) after this many seconds.")
  @Default.Integer(900)
  Integer getDeadlineSeconds();

  void setDeadlineSeconds(Integer value);

  @Description(
      "Where the events come from: WATCH (files landed in a directory) or KAFKA (produced to --topic at "
          + "--bootstrapServers before the job starts, as JSON values keyed by session).")
  @Default.Enum("WATCH")
  EventSource getBenchSource();

  void setBenchSource(EventSource value);

  @Description("KAFKA: partitions of the benchmark topic, created (again) by the benchmark.")
  @Default.Integer(3)
  Integer getTopicPartitions();

  void setTopicPartitions(Integer value);
}
