package io.funnelpulse.replay;

import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.pipelines.CommandArgs;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code replay}: {@code --to=<landing dir>} or {@code --to=kafka://host:port/topic}
 * (required; to Kafka, {@code --valueFormat=json|csv} chooses the record values, JSON by default);
 * {@code --input=<glob>} event files to replay, or generator options ({@code --events --days --seed --malformedFraction ...}) when absent;
 * {@code --eventsPerFile} (1000); pace: {@code --speedup} (event-time seconds per wall second, 0 = as fast
 * as possible) or {@code --filesPerSecond}; late injection: {@code --lateFraction} of events held back
 * {@code --lateMinutes} (60) of event time; too-late injection: {@code --tooLateFraction} of events held
 * back {@code --tooLateMinutes} (240), meant to be more than the window plus the allowed lateness plus
 * the out-of-orderness, so the job finds them past their window's horizon; {@code --lateSeed} (7);
 * {@code --endMarker} (true): land the end marker after the last file, which completes the job's input.
 */
public final class ReplayOptions {
  /** {@code replay --help}: every option with its default. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: replay --to=DIR|kafka://HOST:PORT/TOPIC [--input=GLOB | generate options] [options]",
      "Lands event files into a watched directory one by one, or sends the events to a Kafka topic, in",
      "event-time order at a pace, with late and too-late events held back.",
      "  --to=DIR|kafka://...         the landing directory or the topic (required)",
      "  --input=GLOB                 event files to replay; without it, events are generated (generate's",
      "                               options: --events, --days, --seed, --malformedFraction, ...)",
      "  --valueFormat=JSON           to Kafka: JSON or CSV record values (any case)",
      "  --eventsPerFile=1000         events per landed file (or per Kafka batch)",
      "  --speedup=0                  event-time seconds per wall second (0: as fast as possible)",
      "  --filesPerSecond=0           or a fixed pace in files per second",
      "  --lateFraction=0             share of events held back --lateMinutes (60) of event time",
      "  --tooLateFraction=0          share held back --tooLateMinutes (240): past their window's horizon",
      "  --lateSeed=7                 seed of the late and too-late choice",
      "  --endMarker=true             land _DONE after the last file (completes the job's input)");
  private String to;
  private String input;
  private int eventsPerFile = 1000;
  private double speedup;
  private double filesPerSecond;
  private double lateFraction;
  private int lateMinutes = 60;
  private double tooLateFraction;
  private int tooLateMinutes = 240;
  private long lateSeed = 7L;
  private boolean endMarker = true;
  private InputFormat valueFormat = InputFormat.JSON;
  private final List<String> generatorArgs = new ArrayList<>();

  private ReplayOptions() {}

  /** Parses arguments; generator options are passed through; throws IllegalArgumentException. */
  public static ReplayOptions fromArgs(String[] args) {
    ReplayOptions o = new ReplayOptions();
    CommandArgs.forEach(
        args,
        (name, value) -> {
          switch (name) {
            case "--to":
              o.to = value;
              break;
            case "--input":
              o.input = value;
              break;
            case "--eventsPerFile":
              o.eventsPerFile = Integer.parseInt(value);
              break;
            case "--speedup":
              o.speedup = Double.parseDouble(value);
              break;
            case "--filesPerSecond":
              o.filesPerSecond = Double.parseDouble(value);
              break;
            case "--lateFraction":
              o.lateFraction = Double.parseDouble(value);
              break;
            case "--lateMinutes":
              o.lateMinutes = Integer.parseInt(value);
              break;
            case "--tooLateFraction":
              o.tooLateFraction = Double.parseDouble(value);
              break;
            case "--tooLateMinutes":
              o.tooLateMinutes = Integer.parseInt(value);
              break;
            case "--valueFormat":
              o.valueFormat = CommandArgs.enumValue(name, value, InputFormat.class);
              break;
            case "--endMarker":
              o.endMarker = value.isEmpty() || Boolean.parseBoolean(value);
              break;
            case "--lateSeed":
              o.lateSeed = Long.parseLong(value);
              break;
            default:
              o.generatorArgs.add(value.isEmpty() ? name : name + "=" + value);
          }
        });
    if (o.to == null || o.to.isEmpty()) {
      throw new IllegalArgumentException("replay needs --to=<landing directory> or --to=kafka://host:port/topic");
    }
    if (o.eventsPerFile <= 0 || o.speedup < 0 || o.filesPerSecond < 0 || o.lateMinutes < 0
        || o.lateFraction < 0 || o.tooLateFraction < 0 || o.lateFraction + o.tooLateFraction >= 1) {
      throw new IllegalArgumentException("eventsPerFile must be positive; speedup, filesPerSecond, lateMinutes >= 0; "
          + "lateFraction and tooLateFraction >= 0 with a sum below 1");
    }
    if (o.tooLateFraction > 0 && o.tooLateMinutes <= o.lateMinutes) {
      throw new IllegalArgumentException("tooLateMinutes (" + o.tooLateMinutes
          + ") must be more than lateMinutes (" + o.lateMinutes + ")");
    }
    if (o.input != null && !o.generatorArgs.isEmpty()) {
      throw new IllegalArgumentException("Unknown options for replaying --input: " + o.generatorArgs);
    }
    if (o.input == null) {
      GeneratorOptions.fromArgs(o.generatorArgs()); // fails early, naming a bad generator option
    }
    return o;
  }

  public String to() {
    return to;
  }

  /** The event files to replay, or {@code null} to replay the generator. */
  public String input() {
    return input;
  }

  public int eventsPerFile() {
    return eventsPerFile;
  }

  public double speedup() {
    return speedup;
  }

  public double filesPerSecond() {
    return filesPerSecond;
  }

  public double lateFraction() {
    return lateFraction;
  }

  public int lateMinutes() {
    return lateMinutes;
  }

  public double tooLateFraction() {
    return tooLateFraction;
  }

  public int tooLateMinutes() {
    return tooLateMinutes;
  }

  /** Record values when replaying to Kafka: JSON click events (default) or the CSV lines. */
  public InputFormat valueFormat() {
    return valueFormat;
  }

  /** Whether the end marker lands after the last file. */
  public boolean endMarker() {
    return endMarker;
  }

  public long lateSeed() {
    return lateSeed;
  }

  /** Generator options, used when there is no {@code --input}. */
  public String[] generatorArgs() {
    return generatorArgs.toArray(new String[0]);
  }
}
