package io.funnelpulse.pipelines;

import io.funnelpulse.transforms.parse.InputFormat;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where events come from. */
public interface InputOptions extends PipelineOptions {
  @Description(
      "Input files: a glob of REES46 CSV or JSON-lines files, plain or .gz (e.g. /data/2019-*.csv.gz). "
          + "Empty: a built-in generated sample is written under the output directory and used.")
  @Default.String("")
  String getInput();

  void setInput(String value);

  @Description(
      "Where events come from: FILES (a bounded read of --input), WATCH (a streaming read of the files "
          + "that land in the directory --input) or KAFKA (a streaming read of --topic).")
  @Default.Enum("FILES")
  EventSource getSource();

  void setSource(EventSource value);

  @Description(
      "WATCH, KAFKA: the watermark trails the highest event time read (per partition for Kafka) by this "
          + "many minutes; later events are late.")
  @Default.Integer(10)
  Integer getMaxOutOfOrdernessMinutes();

  void setMaxOutOfOrdernessMinutes(Integer value);

  @Description(
      "WATCH, KAFKA: a record more than this many minutes ahead of the latest event read (a wrong "
          + "clock) does not move the watermark and goes to the dead letters as future_event_time, unless "
          + "the records after it confirm the jump (data resuming after a gap: in a watched file 3 of the "
          + "next 5, in a Kafka partition the 3rd such record in a row). 0 turns it off.")
  @Default.Integer(1440)
  Integer getMaxEventTimeJumpMinutes();

  void setMaxEventTimeJumpMinutes(Integer value);

  @Description("WATCH: at most this many new files are taken up per listing of the directory.")
  @Default.Integer(8)
  Integer getMaxFilesPerPoll();

  void setMaxFilesPerPoll(Integer value);

  @Description("Record format: AUTO (a line starting with '{' is JSON, else CSV), CSV or JSON.")
  @Default.Enum("AUTO")
  InputFormat getInputFormat();

  void setInputFormat(InputFormat value);

  @Description(
      "FILES, WATCH: longest line read, in bytes (real REES46 lines are about 150). A longer line goes "
          + "to the dead letters as line_too_long, holding its first 1 KiB; it is never held whole.")
  @Default.Integer(65_536)
  Integer getMaxLineBytes();

  void setMaxLineBytes(Integer value);

  @Description(
      "FILES: fail the run on a file that cannot be read to its end (truncated or corrupt compression, "
          + "no permission). By default its records up to the damage count and the file gets one "
          + "unreadable_file dead letter; a stream never fails on such a file.")
  @Default.Boolean(false)
  Boolean getFailOnUnreadableFiles();

  void setFailOnUnreadableFiles(Boolean value);

  @Description("Number of events in the built-in sample used when --input is empty.")
  @Default.Long(200_000L)
  Long getSampleEvents();

  void setSampleEvents(Long value);

  @Description("Days of event time covered by the built-in sample.")
  @Default.Integer(2)
  Integer getSampleDays();

  void setSampleDays(Integer value);
}
