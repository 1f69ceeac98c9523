package io.funnelpulse.pipelines;

import io.funnelpulse.generate.GenerateCommand;
import io.funnelpulse.replay.ReplayCommand;
import io.funnelpulse.verify.DuckDbSession;
import io.funnelpulse.verify.VerifyCommand;
import java.util.Arrays;

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
    switch (command) {
      case "run":
        return RunCommand.execute(rest, System.out);
      case "generate":
        return GenerateCommand.run(rest);
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
        System.err.println("Unknown command '" + command + "'. Commands: run (default), generate, replay, verify.");
        return 2;
    }
  }
}
