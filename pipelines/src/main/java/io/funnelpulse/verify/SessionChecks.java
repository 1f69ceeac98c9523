package io.funnelpulse.verify;

import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.SessionSql;
import java.sql.SQLException;
import java.util.List;

/**
 * Checks of the session tables against the raw input: the final view of {@code sessions} equals the
 * sessions DuckDB finds with window functions under the same rules (each session once, in its final
 * shape: a session merged into another is superseded), and the final view of {@code
 * session_funnel_hourly_brand} equals the roll-up of those sessions.
 */
final class SessionChecks {
  private final DuckDbSession db;
  private final VerifyOptions options;

  SessionChecks(DuckDbSession db, VerifyOptions options) {
    this.db = db;
    this.options = options;
  }

  List<CheckResult> run() throws SQLException {
    String reference = SessionSql.sessionsReference(options.input(), options.windowSizeMinutes(), options.sessionGapMinutes());
    CheckResult sessions = SameRows.check(db, options.maxRows(), "sessions_match_reference", "sessions × brands",
        reference, SessionSql.sessionsFinalView(options.output()));
    CheckResult funnel = SameRows.check(db, options.maxRows(), "session_funnel_matches_reference",
        "hourly session-funnel rows", SessionSql.sessionFunnel(reference, options.windowSizeMinutes()),
        SessionSql.sessionFunnelFinalView(options.output()));
    return List.of(sessions, funnel);
  }
}
