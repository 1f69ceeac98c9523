package io.funnelpulse.replay;

import io.funnelpulse.generate.GeneratorArguments;
import io.funnelpulse.transforms.parse.InputFormat;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * The options of {@code replay}, declared as every subcommand's are (see {@code CommandOptions}):
 * where to, what (files, or the generator's events with its options), at what pace, with how many
 * late and too-late events.
 */
public interface ReplayArguments extends GeneratorArguments {
  @Description("The landing directory, or the topic as kafka://HOST:PORT/TOPIC.")
  @Validation.Required
  String getTo();

  void setTo(String value);

  @Description("Event files to replay (a glob); without it, the generator's events (its options apply).")
  String getInput();

  void setInput(String value);

  @Description("To Kafka: JSON or CSV record values (any case).")
  @Default.Enum("JSON")
  InputFormat getValueFormat();

  void setValueFormat(InputFormat value);

  @Description("Events per landed file (or per Kafka batch).")
  @Default.Integer(1000)
  int getEventsPerFile();

  void setEventsPerFile(int value);

  @Description("Event-time seconds per wall-clock second (0: as fast as possible).")
  @Default.Double(0)
  double getSpeedup();

  void setSpeedup(double value);

  @Description("Or a fixed pace, in files per second (0: none).")
  @Default.Double(0)
  double getFilesPerSecond();

  void setFilesPerSecond(double value);

  @Description("Share of events held back --lateMinutes of event time.")
  @Default.Double(0)
  double getLateFraction();

  void setLateFraction(double value);

  @Description("How long late events are held back, event-time minutes.")
  @Default.Integer(60)
  int getLateMinutes();

  void setLateMinutes(int value);

  @Description("Share of events held back --tooLateMinutes: past their window's horizon when they land.")
  @Default.Double(0)
  double getTooLateFraction();

  void setTooLateFraction(double value);

  @Description("How long too-late events are held back, event-time minutes; more than the window plus the "
      + "allowed lateness plus the out-of-orderness.")
  @Default.Integer(240)
  int getTooLateMinutes();

  void setTooLateMinutes(int value);

  @Description("Seed of the late and too-late choice.")
  @Default.Long(7)
  long getLateSeed();

  void setLateSeed(long value);

  @Description("Land the end marker (_DONE) after the last file, which completes the job's input.")
  @Default.Boolean(true)
  boolean getEndMarker();

  void setEndMarker(boolean value);
}
