package io.funnelpulse.generate;

import io.funnelpulse.io.kafka.KafkaAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Command line for the generator: {@code --output=<dir>} (default
 * {@value #DEFAULT_OUTPUT}) plus the {@link GeneratorOptions#fromArgs options}; writes the files and
 * prints the one-line report. (The command line's {@code generate --output=kafka://host:port/topic}
 * sends the events to a topic through {@code replay} instead.)
 *
 * <pre>{@code
 * GenerateCommand.run(new String[] {"--output=/tmp/gen", "--events=4000000", "--days=30", "--files=8", "--gzip"});
 * }</pre>
 */
public final class GenerateCommand {

  /** Where files go without {@code --output}. */
  public static final String DEFAULT_OUTPUT = "./funnelpulse-output/generated";

  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: generate [--output=DIR] [--events=N] [--days=D] [--files=K] [--seed=S]",
      "                [--start=2019-10-01T00:00:00Z] [--gzip] [--outOfOrderFraction=F]",
      "                [--outOfOrderMaxMinutes=M] [--malformedFraction=F]",
      "                [--inject=brand:metric:yyyy-MM-ddTHH:hours:factor[,...]]",
      "  --inject: rows of one event type (views|carts|removes|purchases) of a brand, from a UTC hour",
      "  for some hours, written factor times (0 drops them, 5 is a five-fold spike); repeatable.",
      "Writes REES46-format CSV files events-00000.csv[.gz]... (defaults: --output="
          + DEFAULT_OUTPUT + " --events=200000 --days=2 --files=1 --seed=42).");

  private GenerateCommand() {}

  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the generator; returns 0 on success, 2 on bad arguments (usage on stderr), 1 when
   * writing fails.
   */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    for (String arg : args) {
      if (arg.startsWith("--output=") && KafkaAddress.isKafka(arg.substring("--output=".length()))) {
        err.println("generate writes files; events go to a Kafka topic through replay (FunnelPulse generate "
            + "--output=kafka://... hands them to it)");
        return 2;
      }
    }
    Path output = Paths.get(DEFAULT_OUTPUT);
    GeneratorOptions options;
    try {
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          out.println(USAGE);
          return 0;
        }
        if (arg.startsWith("--output=")) {
          String dir = arg.substring("--output=".length());
          if (dir.isEmpty()) {
            throw new IllegalArgumentException("--output needs a directory");
          }
          output = Paths.get(dir);
        }
      }
      options = GeneratorOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      out.println(EventGenerator.of(options).writeTo(output));
      return 0;
    } catch (IOException e) {
      err.println("Error: could not write to " + output + ": " + e);
      return 1;
    }
  }
}
