-- The hourly session funnel per brand from sessions (sessions_reference.sql or the final view of the
-- sessions table, with revenue_cents): per window of ${window_seconds} of the session start and brand, how many sessions,
-- how many viewed, carted, purchased, purchased without a cart, their revenue, and the rates over
-- sessions (NULL on a zero denominator). Placeholders: ${sessions}, ${window_seconds}.
-- Columns: window_start_ms, brand, sessions, viewed, carted, purchased, purchased_without_cart, revenue_cents,
-- view_to_cart_rate, cart_to_purchase_rate, view_to_purchase_rate.
WITH counted AS (
  SELECT (session_start_ms // (${window_seconds} * 1000)) * (${window_seconds} * 1000) AS window_start_ms, brand,
         count(*) AS sessions,
         count(*) FILTER (WHERE viewed) AS viewed,
         count(*) FILTER (WHERE carted) AS carted,
         count(*) FILTER (WHERE purchased) AS purchased,
         count(*) FILTER (WHERE purchased_without_cart) AS purchased_without_cart,
         CAST(sum(revenue_cents) AS BIGINT) AS revenue_cents
  FROM (${sessions})
  GROUP BY 1, 2
)
SELECT window_start_ms, brand, sessions, viewed, carted, purchased, purchased_without_cart, revenue_cents,
       CASE WHEN viewed = 0 THEN NULL ELSE carted / viewed END AS view_to_cart_rate,
       CASE WHEN carted = 0 THEN NULL ELSE purchased / carted END AS cart_to_purchase_rate,
       CASE WHEN viewed = 0 THEN NULL ELSE purchased / viewed END AS view_to_purchase_rate
FROM counted
