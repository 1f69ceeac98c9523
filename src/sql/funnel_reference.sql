-- Independent DuckDB computation of the funnel table straight from raw REES46 rows, with the same
-- cleaning rules as the pipeline (event type one of four, event time parseable, price present and
-- positive, key fields within the length limit, brand lower-cased with blanks missing). Malformed lines
-- are skipped by the reader.
-- Placeholders: ${raw} (raw_csv.sql or raw_json.sql, filled with the input glob), ${window_seconds}
-- (window size in seconds), ${key_expr} (the dimension key over the raw columns; see README.md here),
-- ${max_key_characters} (the longest key field kept, SilverRules.MAX_KEY_CHARACTERS).
-- Columns: window_start_ms, key, views, carts, removes, purchases, revenue and the three rates.
WITH raw AS (
  SELECT * FROM ${raw}
),
clean AS (
  SELECT try_strptime(trim(event_time),
                      ['%Y-%m-%d %H:%M:%S UTC', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S']) AS ts,
         event_type,
         ${key_expr} AS key,
         TRY_CAST(trim(price) AS DECIMAL(18, 2)) AS price,
         greatest(coalesce(length(trim(brand)), 0), coalesce(length(trim(category_code)), 0),
                  coalesce(length(trim(product_id)), 0), coalesce(length(trim(user_id)), 0),
                  coalesce(length(trim(user_session)), 0)) AS longest_key
  FROM raw
),
valid AS (
  SELECT * FROM clean
  WHERE ts IS NOT NULL
    AND event_type IN ('view', 'cart', 'remove_from_cart', 'purchase')
    AND price IS NOT NULL AND price > 0
    AND longest_key <= ${max_key_characters}
),
counted AS (
  SELECT CAST(floor(epoch(ts) / ${window_seconds}) AS BIGINT) * ${window_seconds} * 1000 AS window_start_ms,
         key,
         count(*) FILTER (WHERE event_type = 'view') AS views,
         count(*) FILTER (WHERE event_type = 'cart') AS carts,
         count(*) FILTER (WHERE event_type = 'remove_from_cart') AS removes,
         count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
         CAST(coalesce(sum(price) FILTER (WHERE event_type = 'purchase'), 0) AS DECIMAL(18, 2)) AS revenue
  FROM valid
  GROUP BY 1, 2
)
SELECT window_start_ms, key, views, carts, removes, purchases, revenue,
       CASE WHEN views = 0 THEN NULL ELSE carts / views END AS view_to_cart_rate,
       CASE WHEN carts = 0 THEN NULL ELSE purchases / carts END AS cart_to_purchase_rate,
       CASE WHEN views = 0 THEN NULL ELSE purchases / views END AS conversion_rate
FROM counted
