package io.funnelpulse.replay;

import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.pipelines.CommandArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code replay}: {@code --to=<landing dir>} (required); {@code --input=<glob>} event files to
 * replay, or generator options ({@code --events --days --seed --malformedFraction ...}) when absent;
 * {@code --eventsPerFile} (1000); pace: {@code --speedup} (event-time seconds per wall second, 0 = as fast
 * as possible) or {@code --filesPerSecond}; late injection: {@code --lateFraction} of events held back
 * {@code --lateMinutes} (60) of event time; {@code --lateSeed} (7).
 */
public final class ReplayOptions {
  private String to;
  private String input;
  private int eventsPerFile = 1000;
  private double speedup;
  private double filesPerSecond;
  private double lateFraction;
  private int lateMinutes = 60;
  private long lateSeed = 7L;
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
            case "--lateSeed":
              o.lateSeed = Long.parseLong(value);
              break;
            default:
              o.generatorArgs.add(value.isEmpty() ? name : name + "=" + value);
          }
        });
    if (o.to == null || o.to.isEmpty()) {
      throw new IllegalArgumentException("replay needs --to=<landing directory>");
    }
    if (o.eventsPerFile <= 0 || o.speedup < 0 || o.filesPerSecond < 0 || o.lateMinutes < 0
        || o.lateFraction < 0 || o.lateFraction >= 1) {
      throw new IllegalArgumentException(
          "eventsPerFile must be positive; speedup, filesPerSecond, lateMinutes >= 0; lateFraction in [0, 1)");
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

  public long lateSeed() {
    return lateSeed;
  }

  /** Generator options, used when there is no {@code --input}. */
  public String[] generatorArgs() {
    return generatorArgs.toArray(new String[0]);
  }
}
