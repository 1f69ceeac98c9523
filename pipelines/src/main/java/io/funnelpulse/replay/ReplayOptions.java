package io.funnelpulse.replay;

import io.funnelpulse.generate.GeneratorArguments;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.pipelines.CommandOptions;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one {@code replay}, read from its options ({@link ReplayArguments}, where each is
 * described with its default): where to, what (files, or the generator's events), the pace, and the
 * late and too-late events held back.
 */
public final class ReplayOptions {
  /** The first line of {@code replay --help}; the options follow. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: replay --to=DIR|kafka://HOST:PORT/TOPIC [--input=GLOB | generator options] [options]",
      "Lands event files into a watched directory one by one, or sends the events to a Kafka topic, in",
      "event-time order at a pace, with late and too-late events held back.");

  private String to;
  private String input;
  private int eventsPerFile;
  private double speedup;
  private double filesPerSecond;
  private double lateFraction;
  private int lateMinutes;
  private double tooLateFraction;
  private int tooLateMinutes;
  private long lateSeed;
  private boolean endMarker;
  private InputFormat valueFormat;
  private GeneratorOptions generator;

  private ReplayOptions() {}

  /** Parses the options ({@link ReplayArguments}); throws IllegalArgumentException naming a bad one. */
  public static ReplayOptions fromArgs(String[] args) {
    ReplayArguments arguments = CommandOptions.parse(args, ReplayArguments.class);
    ReplayOptions o = new ReplayOptions();
    o.to = arguments.getTo();
    o.input = arguments.getInput();
    o.eventsPerFile = arguments.getEventsPerFile();
    o.speedup = arguments.getSpeedup();
    o.filesPerSecond = arguments.getFilesPerSecond();
    o.lateFraction = arguments.getLateFraction();
    o.lateMinutes = arguments.getLateMinutes();
    o.tooLateFraction = arguments.getTooLateFraction();
    o.tooLateMinutes = arguments.getTooLateMinutes();
    o.lateSeed = arguments.getLateSeed();
    o.endMarker = arguments.getEndMarker();
    o.valueFormat = arguments.getValueFormat();
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
    Set<String> generatorOptions = new TreeSet<>(CommandOptions.given(args));
    generatorOptions.retainAll(CommandOptions.declaredIn(GeneratorArguments.class));
    if (o.input != null && !generatorOptions.isEmpty()) {
      throw new IllegalArgumentException("The generator's options do not apply to replaying --input: " + generatorOptions);
    }
    o.generator = GeneratorOptions.from(arguments); // fails early, naming a bad generator option
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

  /** The generator's settings, used when there is no {@code --input}. */
  public GeneratorOptions generator() {
    return generator;
  }
}
