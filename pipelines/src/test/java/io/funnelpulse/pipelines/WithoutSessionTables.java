package io.funnelpulse.pipelines;

import java.util.ArrayList;
import java.util.List;

/**
 * For tests that are not about sessions: the run arguments that leave out the session and sliding
 * tables, so that they test what they are about in less time. The session and sliding tables are
 * tested end to end by {@code FunnelEndToEndTest} (batch on every runner), {@code
 * WatchedDirectoryJobTest} (streams), {@code StreamingRestartTest} and {@code SoakScriptIT} (streams
 * killed and resumed) and {@code SparkStandaloneClusterIT} (a real cluster).
 */
public final class WithoutSessionTables {
  /** {@code --sessionTables=false --slidingConversionHours=0}. */
  public static final List<String> ARGS = List.of("--sessionTables=false", "--slidingConversionHours=0");

  private WithoutSessionTables() {}

  /** {@code args} followed by {@link #ARGS}. */
  public static String[] plus(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(ARGS);
    return all.toArray(new String[0]);
  }
}
