package io.funnelpulse.cli;

import io.funnelpulse.generate.GenerateCommand;
import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.replay.ReplayCommand;
import io.funnelpulse.replay.ReplayOptions;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import java.util.Arrays;
import java.util.Map;

/**
 * The FunnelPulse entry point. The first argument may name a subcommand: {@code run} (the default),
 * {@code generate}, {@code replay} or {@code verify}; the rest are {@code --name=value} options.
 *
 * <pre>
 * mvn -q compile exec:java                                   # run over the built-in sample
 * mvn -q compile exec:java -Dexec.args="--input=/data/*.csv --output=/tmp/out"
 * mvn -q compile exec:java -Dexec.args="generate --events=1000000 --days=7 --output=/tmp/events"
 * </pre>
 */
public final class FunnelPulse {
  /** {@code <command> --help} of the tools ({@code run --help} lists the job's options itself). */
  private static final Map<String, String> USAGES = Map.of(
      "generate", GenerateCommand.USAGE, "replay", ReplayOptions.USAGE, "verify", VerifyOptions.USAGE);

  private FunnelPulse() {}

  /**
   * Runs the subcommand and exits with its code, 0 included: threads a stopped stream leaves behind
   * (a Kafka consumer's, Spark's) must not keep the JVM alive after the summary is written.
   */
  public static void main(String[] args) throws Exception {
    System.exit(dispatch(args));
  }

  /** Runs the subcommand named by {@code args[0]} (or {@code run}) and returns its exit code. */
  static int dispatch(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
    String[] rest = args.length > 0 && !args[0].startsWith("--")
        ? Arrays.copyOfRange(args, 1, args.length) : args;
    if (OptionArguments.asksForHelp(rest) && !command.equals("run")) {
      String usage = USAGES.get(command);
      if (usage != null) {
        System.out.println(usage);
        return 0;
      }
    }
    switch (command) {
      case "run":
        return RunCommand.execute(rest, System.out);
      case "generate":
        return generatesToKafka(rest) ? ReplayCommand.run(asReplay(rest), System.out) : GenerateCommand.run(rest);
      case "replay":
        return ReplayCommand.run(rest, System.out);
      case "verify":
        if (!DuckDbSession.available()) {
          System.err.println("verify recomputes the output with DuckDB, which the job jar leaves out: run it from "
              + "a checkout, mvn -q compile exec:java -Dexec.args=\"verify --input=... --output=...\"");
          return 2;
        }
        return VerifyCommand.run(rest, System.out);
      default:
        System.err.println("Unknown command '" + command + "'. Commands: run (default), generate, replay, verify; "
            + "each takes --help.");
        return 2;
    }
  }

  /** Whether {@code generate}'s output is a Kafka topic. */
  private static boolean generatesToKafka(String[] args) {
    return Arrays.stream(args).anyMatch(arg ->
        arg.startsWith("--output=") && KafkaAddress.isKafka(arg.substring("--output=".length())));
  }

  /**
   * {@code generate --output=kafka://host:port/topic} as {@code replay --to=...}: the generated events
   * go to the topic in time order, keyed by session, {@code --valueFormat}, pacing and late injection
   * as there.
   */
  private static String[] asReplay(String[] args) {
    return Arrays.stream(args)
        .map(arg -> arg.startsWith("--output=") ? "--to=" + arg.substring("--output=".length()) : arg)
        .toArray(String[]::new);
  }
}
