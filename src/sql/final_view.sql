-- The final view of a table: the latest pane (highest pane_index) per window and key.
-- Every output row carries its pane facts; a window's latest pane holds its full value.
-- Placeholders: ${table} (the table directory, e.g. out/funnel_hourly_brand) and ${key} (the key
-- column: brand, category_code, product_id, rank, or NULL for a table without a key).
-- Works on DuckDB as is; on Spark SQL read the files into a view first (see README).
SELECT * EXCLUDE (pane_rank)
FROM (
  SELECT *,
         row_number() OVER (PARTITION BY window_start, ${key} ORDER BY pane_index DESC) AS pane_rank
  FROM read_parquet('${table}/*/*.parquet', hive_partitioning = false)
)
WHERE pane_rank = 1
