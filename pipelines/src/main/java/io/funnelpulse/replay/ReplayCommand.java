package io.funnelpulse.replay;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code replay} subcommand.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.args="replay --to=/landing --events=100000 --days=1 --speedup=3600 --lateFraction=0.02"
 * mvn -q compile exec:java -Dexec.args="replay --to=/landing --input=/data/2019-Oct.csv.gz --filesPerSecond=5"
 * </pre>
 */
public final class ReplayCommand {
  private ReplayCommand() {}

  /** Runs a replay; 0 when done, 2 on bad arguments. */
  public static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
    ReplayOptions options;
    try {
      options = ReplayOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      out.println("replay: " + e.getMessage());
      return 2;
    }
    out.println(Replayer.of(options).run());
    return 0;
  }
}
