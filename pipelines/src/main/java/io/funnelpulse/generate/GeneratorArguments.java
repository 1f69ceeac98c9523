package io.funnelpulse.generate;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The generator's options, declared as every subcommand's are (see {@code CommandOptions}): what
 * {@code generate} writes and what {@code replay} replays when it has no {@code --input}.
 */
public interface GeneratorArguments extends PipelineOptions {
  @Description("Valid events to generate (malformed lines come on top).")
  @Default.Long(200_000)
  long getEvents();

  void setEvents(long value);

  @Description("Days of event time the events spread over.")
  @Default.Integer(2)
  int getDays();

  void setDays(int value);

  @Description("Files to write the events into.")
  @Default.Integer(1)
  int getFiles();

  void setFiles(int value);

  @Description("Random seed: the same seed gives the same files.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Start of the event time range, ISO-8601 UTC.")
  @Default.String("2019-10-01T00:00:00Z")
  String getStart();

  void setStart(String value);

  @Description("Write gzip-compressed files (.csv.gz).")
  @Default.Boolean(false)
  boolean getGzip();

  void setGzip(boolean value);

  @Description("Share of events written later in their file, after newer events.")
  @Default.Double(0.0)
  double getOutOfOrderFraction();

  void setOutOfOrderFraction(double value);

  @Description("How much newer (event-time minutes) the events written before an out-of-order one can be.")
  @Default.Integer(30)
  int getOutOfOrderMaxMinutes();

  void setOutOfOrderMaxMinutes(int value);

  @Description("Malformed lines to add, as a share of --events.")
  @Default.Double(0.0)
  double getMalformedFraction();

  void setMalformedFraction(double value);

  @Description("Anomalies to put into the data, brand:metric:yyyy-MM-ddTHH:hours:factor (repeatable or "
      + "comma-separated): rows of one event type (views, carts, removes, purchases) of a brand, from a UTC "
      + "hour for some hours, written factor times (0 drops them, 5 is a five-fold spike).")
  List<String> getInject();

  void setInject(List<String> value);
}
