package io.funnelpulse.pipelines;

import io.funnelpulse.io.WindowRowColumns;
import io.funnelpulse.io.WriteWindowRowTable;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.sessions.SessionFunnels;
import io.funnelpulse.transforms.sessions.SessionRunPartials;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * The session tables ({@code sessions}, {@code session_funnel_hourly_brand}): runs of each session's
 * events pre-aggregated in the job's one pass, then {@link SessionFunnels} with the job's gap, window
 * size (the roll-up of session starts), early firings, and a lateness that covers what the fixed
 * windows accept.
 */
final class SessionBranch {
  /** Files per day of the sessions table, by session key: rows come one session at a time. */
  private static final int SESSION_FILES_PER_DAY = 8;

  private final FunnelPulseOptions options;
  private final SessionRunPartials runs;

  SessionBranch(FunnelPulseOptions options) {
    this.options = options;
    this.runs = SessionRunPartials.withGap(gap(options));
  }

  /** Whether the options ask for the session tables. */
  static boolean enabled(FunnelPulseOptions options) {
    return options.getSessionTables();
  }

  private static Duration gap(FunnelPulseOptions options) {
    if (options.getSessionGapMinutes() <= 0) {
      throw new IllegalArgumentException("--sessionGapMinutes must be positive, got " + options.getSessionGapMinutes());
    }
    return Duration.standardMinutes(options.getSessionGapMinutes());
  }

  /** {@code preAggregate} also collecting the runs of each session's events. */
  PreAggregate addTo(PreAggregate preAggregate) {
    return preAggregate.with(runs);
  }

  /** Sessionizes the runs found in {@code partials} and writes both tables. */
  void expand(PCollectionTuple partials) {
    Duration window = Duration.standardMinutes(options.getWindowSizeMinutes());
    PCollectionTuple sessions = partials
        .get(runs.tag())
        .apply("SessionFunnels",
            SessionFunnels.withGap(gap(options))
                .rolledUpBy(window)
                .withAllowedLateness(SessionFunnels.latenessFor(
                    window, Duration.standardMinutes(options.getAllowedLatenessMinutes())))
                .withEarlyFiringDelay(Duration.standardSeconds(options.getEarlyFiringDelaySeconds())));
    sessions.get(SessionFunnels.SESSIONS).apply("WriteSessions",
        WriteWindowRowTable.to(options.getOutput(), TableNames.SESSIONS, TableNames.SESSIONS, WindowRowColumns.sessions())
            .shardedBy(row -> row.value().sessionKey(), SESSION_FILES_PER_DAY)
            .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));
    sessions.get(SessionFunnels.HOURLY).apply("WriteSessionFunnel",
        WriteWindowRowTable.to(options.getOutput(), TableNames.SESSION_FUNNEL_HOURLY_BRAND,
                TableNames.SESSION_FUNNEL_HOURLY_BRAND, WindowRowColumns.sessionFunnel())
            .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));
  }
}
