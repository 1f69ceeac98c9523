-- Estimated unique visitors and sessions (final view of visitors_hourly) against exact distinct counts
-- from clean events, per window, with the relative error and whether it lies within 3 standard errors
-- (${rse} = 1.04 / sqrt(2^hll_lg_k), 0.01625 at lgK 12).
-- Placeholders: ${clean} (clean_events.sql, filled), ${visitors} (final view of visitors_hourly), ${rse}.
-- Columns: window_start_ms, visitors, visitors_exact, visitors_rel_error, sessions, sessions_exact,
-- sessions_rel_error, within_bound. A window present on one side only shows NULLs on the other.
WITH exact AS (
  SELECT window_start_ms,
         count(DISTINCT user_id) AS visitors_exact,
         count(DISTINCT user_session) AS sessions_exact
  FROM (${clean})
  GROUP BY window_start_ms
),
estimated AS (
  SELECT epoch_ms(window_start) AS window_start_ms, visitors, sessions FROM (${visitors})
)
SELECT coalesce(e.window_start_ms, x.window_start_ms) AS window_start_ms,
       e.visitors, x.visitors_exact,
       abs(e.visitors - x.visitors_exact) / x.visitors_exact AS visitors_rel_error,
       e.sessions, x.sessions_exact,
       abs(e.sessions - x.sessions_exact) / greatest(x.sessions_exact, 1) AS sessions_rel_error,
       coalesce(abs(e.visitors - x.visitors_exact) <= 3 * ${rse} * x.visitors_exact + 1
                AND abs(e.sessions - x.sessions_exact) <= 3 * ${rse} * x.sessions_exact + 1, false)
         AS within_bound
FROM estimated e FULL OUTER JOIN exact x ON e.window_start_ms = x.window_start_ms
ORDER BY window_start_ms
