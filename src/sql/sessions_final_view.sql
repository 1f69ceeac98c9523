-- The final view of the sessions table: per session (session_key and start) and brand the latest
-- version, left out when it is superseded (the session was merged into one that starts earlier).
-- Placeholder: ${table} (the table directory, e.g. out/sessions).
-- Columns: the table's, as in src/schemas/sessions.avsc.
SELECT * EXCLUDE (version_rank)
FROM (
  SELECT *,
         row_number() OVER (PARTITION BY session_key, window_start, brand ORDER BY pane_index DESC) AS version_rank
  FROM read_parquet('${table}/*/*.parquet', hive_partitioning = false)
)
WHERE version_rank = 1 AND NOT superseded
