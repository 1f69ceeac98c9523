-- Independent DuckDB computation of the funnel table straight from raw REES46 CSV, with the same
-- cleaning rules as the pipeline (event type one of four, event time parseable, price present and
-- positive, brand lower-cased with blanks missing). Malformed lines are skipped (ignore_errors).
-- Placeholders: ${input} (CSV glob), ${window_seconds} (window size in seconds).
-- Columns: window_start_ms, brand, views, carts, removes, purchases, revenue and the three rates.
WITH raw AS (
  SELECT *
  FROM read_csv('${input}', header = true, all_varchar = true, quote = '"', escape = '"',
                ignore_errors = true, auto_detect = false,
                columns = {'event_time': 'VARCHAR', 'event_type': 'VARCHAR', 'product_id': 'VARCHAR',
                           'category_id': 'VARCHAR', 'category_code': 'VARCHAR', 'brand': 'VARCHAR',
                           'price': 'VARCHAR', 'user_id': 'VARCHAR', 'user_session': 'VARCHAR'})
),
clean AS (
  SELECT try_strptime(trim(event_time), '%Y-%m-%d %H:%M:%S UTC') AS ts,
         event_type,
         NULLIF(lower(trim(brand)), '') AS brand,
         TRY_CAST(trim(price) AS DECIMAL(18, 2)) AS price
  FROM raw
),
valid AS (
  SELECT * FROM clean
  WHERE ts IS NOT NULL
    AND event_type IN ('view', 'cart', 'remove_from_cart', 'purchase')
    AND price IS NOT NULL AND price > 0
),
counted AS (
  SELECT CAST(floor(epoch(ts) / ${window_seconds}) AS BIGINT) * ${window_seconds} * 1000 AS window_start_ms,
         brand,
         count(*) FILTER (WHERE event_type = 'view') AS views,
         count(*) FILTER (WHERE event_type = 'cart') AS carts,
         count(*) FILTER (WHERE event_type = 'remove_from_cart') AS removes,
         count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
         CAST(coalesce(sum(price) FILTER (WHERE event_type = 'purchase'), 0) AS DECIMAL(18, 2)) AS revenue
  FROM valid
  GROUP BY 1, 2
)
SELECT window_start_ms, brand, views, carts, removes, purchases, revenue,
       CASE WHEN views = 0 THEN NULL ELSE carts / views END AS view_to_cart_rate,
       CASE WHEN carts = 0 THEN NULL ELSE purchases / carts END AS cart_to_purchase_rate,
       CASE WHEN views = 0 THEN NULL ELSE purchases / views END AS conversion_rate
FROM counted
