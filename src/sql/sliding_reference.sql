-- The brand funnel over sliding windows, from the funnel reference of fixed windows (funnel_reference.sql
-- by brand): each fixed window's counts go to every sliding window that holds it, which is exact when a
-- sliding window starts every ${period_seconds} (a multiple of the fixed window) and lasts
-- ${size_seconds} (a multiple of the period). Placeholders: ${reference}, ${size_seconds},
-- ${period_seconds}. Columns: as funnel_reference.sql.
WITH fixed AS (${reference}),
placed AS (
  SELECT (window_start_ms // (${period_seconds} * 1000)) * (${period_seconds} * 1000) - k * (${period_seconds} * 1000)
           AS window_start_ms,
         key, views, carts, removes, purchases, revenue
  FROM fixed, range(0, ${size_seconds} // ${period_seconds}) AS steps(k)
),
summed AS (
  SELECT window_start_ms, key,
         CAST(sum(views) AS BIGINT) AS views, CAST(sum(carts) AS BIGINT) AS carts,
         CAST(sum(removes) AS BIGINT) AS removes, CAST(sum(purchases) AS BIGINT) AS purchases,
         CAST(sum(revenue) AS DECIMAL(18, 2)) AS revenue
  FROM placed
  GROUP BY 1, 2
)
SELECT window_start_ms, key, views, carts, removes, purchases, revenue,
       CASE WHEN views = 0 THEN NULL ELSE carts / views END AS view_to_cart_rate,
       CASE WHEN carts = 0 THEN NULL ELSE purchases / carts END AS cart_to_purchase_rate,
       CASE WHEN views = 0 THEN NULL ELSE purchases / views END AS conversion_rate
FROM summed
