-- Sessions and their steps per brand, straight from clean events (clean_events.sql), with the job's
-- rules: a session is the events of one user_session (or of one user_id, as 'user:<id>', where the
-- session is missing; events with neither belong to none), split wherever two consecutive events are
-- more than ${gap_ms} apart. Per session and brand: viewed (a view), carted (a cart at or after the
-- first view), purchased (a purchase at or after the first counted cart), purchased_without_cart (a
-- purchase before the first counted cart, or with none), purchases and revenue in cents; equal times are in
-- order. Placeholders: ${clean}, ${gap_ms}.
-- Columns: session_key, session_start_ms, session_end_ms, events, user_id, brand, viewed, carted,
-- purchased, purchased_without_cart, purchases, revenue_cents.
WITH events AS (
  SELECT coalesce(user_session, 'user:' || user_id) AS session_key, user_id, event_time_ms AS t, event_type,
         brand, price_cents
  FROM (${clean})
  WHERE user_session IS NOT NULL OR user_id IS NOT NULL
),
marked AS (
  SELECT *,
         CASE WHEN t - lag(t) OVER (PARTITION BY session_key ORDER BY t) <= ${gap_ms} THEN 0 ELSE 1 END AS starts
  FROM events
),
numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY session_key ORDER BY t, starts DESC ROWS UNBOUNDED PRECEDING) AS session_no
  FROM marked
),
sessions AS (
  SELECT session_key, session_no, min(t) AS session_start_ms, max(t) AS session_end_ms, count(*) AS events,
         min(user_id) AS user_id
  FROM numbered
  GROUP BY 1, 2
),
first_views AS (
  SELECT session_key, session_no, brand, min(t) FILTER (WHERE event_type = 'view') AS first_view
  FROM numbered
  GROUP BY 1, 2, 3
),
steps AS (
  SELECT n.session_key, n.session_no, n.brand, any_value(f.first_view) AS first_view,
         min(n.t) FILTER (WHERE n.event_type = 'cart' AND n.t >= f.first_view) AS first_cart,
         min(n.t) FILTER (WHERE n.event_type = 'purchase') AS first_purchase,
         max(n.t) FILTER (WHERE n.event_type = 'purchase') AS last_purchase,
         count(*) FILTER (WHERE n.event_type = 'purchase') AS purchases,
         coalesce(sum(n.price_cents) FILTER (WHERE n.event_type = 'purchase'), 0) AS revenue_cents
  FROM numbered n
  JOIN first_views f
    ON n.session_key = f.session_key AND n.session_no = f.session_no AND n.brand IS NOT DISTINCT FROM f.brand
  GROUP BY 1, 2, 3
)
SELECT s.session_key, s.session_start_ms, s.session_end_ms, s.events, s.user_id, st.brand,
       st.first_view IS NOT NULL AS viewed,
       st.first_cart IS NOT NULL AS carted,
       coalesce(st.first_cart IS NOT NULL AND st.last_purchase >= st.first_cart, false) AS purchased,
       st.purchases > 0 AND (st.first_cart IS NULL OR st.first_purchase < st.first_cart) AS purchased_without_cart,
       st.purchases, CAST(st.revenue_cents AS BIGINT) AS revenue_cents
FROM sessions s
JOIN steps st ON s.session_key = st.session_key AND s.session_no = st.session_no
