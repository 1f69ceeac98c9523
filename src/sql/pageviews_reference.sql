-- Exact page views per window and product from clean events: what pageviews_hourly must hold in its
-- final view. Placeholder: ${clean} (clean_events.sql, filled).
-- Columns: window_start_ms, product_id, views.
SELECT window_start_ms, product_id, count(*) AS views
FROM (${clean})
WHERE event_type = 'view'
GROUP BY window_start_ms, product_id
