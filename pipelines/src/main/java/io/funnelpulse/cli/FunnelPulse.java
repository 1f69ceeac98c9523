package io.funnelpulse.cli;

import io.funnelpulse.generate.GenerateArguments;
import io.funnelpulse.generate.GenerateCommand;
import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.pipelines.CommandOptions;
import io.funnelpulse.replay.ReplayArguments;
import io.funnelpulse.replay.ReplayCommand;
import io.funnelpulse.replay.ReplayOptions;
import io.funnelpulse.report.ReportArguments;
import io.funnelpulse.report.ReportCommand;
import io.funnelpulse.report.ReportOptions;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.verify.VerifyArguments;
import io.funnelpulse.verify.VerifyCommand;
import io.funnelpulse.verify.VerifyOptions;
import java.util.Arrays;

/**
 * The FunnelPulse entry point. The first argument may name a subcommand: {@code run} (the default),
 * {@code generate}, {@code replay}, {@code verify} or {@code report}; the rest are {@code --name=value} options.
 *
 * <pre>
 * mvn -q compile exec:java                                   # run over the built-in sample
 * mvn -q compile exec:java -Dexec.args="--input=/data/*.csv --output=/tmp/out"
 * mvn -q compile exec:java -Dexec.args="generate --events=1000000 --days=7 --output=/tmp/events"
 * </pre>
 */
public final class FunnelPulse {
  /** What a tool says when it is run from the job jar, which holds only the job. */
  static final String TOOLS_LEFT_OUT = "The job jar holds the job (run) only; generate, replay, verify and report run "
      + "from a checkout: mvn -q compile exec:java -Dexec.args=\"<command> ...\"";

  private FunnelPulse() {}

  /**
   * Runs the subcommand and exits with its code, 0 included, or 1 when it failed: threads a stopped or
   * failed stream leaves behind (a Kafka consumer's, Spark's) must not keep the JVM alive.
   */
  public static void main(String[] args) {
    int code;
    try {
      code = dispatch(args);
    } catch (Exception | Error e) {
      // A failed job must end the process too: a failed stream leaves non-daemon threads (Spark's,
      // a Kafka consumer's) that would keep it alive with nothing left to do.
      e.printStackTrace();
      System.err.println("FunnelPulse: failed: " + e);
      code = 1;
    }
    System.exit(code);
  }

  /** Runs the subcommand named by {@code args[0]} (or {@code run}) and returns its exit code. */
  static int dispatch(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
    String[] rest = args.length > 0 && !args[0].startsWith("--")
        ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "run":
        return RunCommand.execute(rest, System.out);
      case "generate":
      case "replay":
      case "verify":
      case "report":
        if (!toolsPresent()) {
          System.err.println(TOOLS_LEFT_OUT);
          return 2;
        }
        return Tools.run(command, rest);
      default:
        System.err.println("Unknown command '" + command + "'. Commands: run (default), generate, replay, verify, report; "
            + "each takes --help.");
        return 2;
    }
  }

  /** Whether the tools are on the class path (they are not in the job jar). */
  static boolean toolsPresent() {
    try {
      Class.forName("io.funnelpulse.verify.VerifyCommand", false, FunnelPulse.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The tools, in a class of their own so that the job jar, which leaves them out, never loads it. */
  private static final class Tools {
    static int run(String command, String[] args) throws Exception {
      if (CommandOptions.asksForHelp(args)) {
        printHelp(command);
        return 0;
      }
      switch (command) {
        case "generate":
          return generatesToKafka(args) ? ReplayCommand.run(asReplay(args), System.out) : GenerateCommand.run(args);
        case "replay":
          return ReplayCommand.run(args, System.out);
        case "report":
          return ReportCommand.run(args, System.out, System.err);
        default:
          if (!DuckDbSession.available()) {
            System.err.println("verify recomputes the output with DuckDB, which is not on the class path: run it "
                + "from a checkout, mvn -q compile exec:java -Dexec.args=\"verify --input=... --output=...\"");
            return 2;
          }
          return VerifyCommand.run(args, System.out);
      }
    }

    /** {@code <tool> --help}: its usage, then its options with descriptions and defaults. */
    private static void printHelp(String command) {
      switch (command) {
        case "generate":
          CommandOptions.printHelp(System.out, GenerateCommand.USAGE, GenerateArguments.class);
          break;
        case "replay":
          CommandOptions.printHelp(System.out, ReplayOptions.USAGE, ReplayArguments.class);
          break;
        case "report":
          CommandOptions.printHelp(System.out, ReportOptions.USAGE, ReportArguments.class);
          break;
        default:
          CommandOptions.printHelp(System.out, VerifyOptions.USAGE, VerifyArguments.class);
      }
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
