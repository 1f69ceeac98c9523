package io.funnelpulse.generate;

import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.pipelines.CommandOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Command line for the generator: its options ({@link GenerateArguments}, {@code --output} defaulting
 * to {@value #DEFAULT_OUTPUT}); writes the files and
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

  /** The first line of {@code generate --help}; the options follow. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: generate [--output=DIR|kafka://HOST:PORT/TOPIC] [options]",
      "Writes REES46-format CSV files of generated events (to a Kafka topic, through replay).");

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
    if (CommandOptions.asksForHelp(args)) {
      CommandOptions.printHelp(out, USAGE, GenerateArguments.class);
      return 0;
    }
    Path output;
    GeneratorOptions options;
    try {
      GenerateArguments arguments = CommandOptions.parse(args, GenerateArguments.class);
      if (arguments.getOutput().isEmpty()) {
        throw new IllegalArgumentException("--output needs a directory");
      }
      output = Paths.get(arguments.getOutput());
      options = GeneratorOptions.from(arguments);
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      err.println("(generate --help lists the options)");
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
