-- Exact page views per window and product from clean events: what pageviews_hourly must hold in its
-- final view. Views without a product id are no page and have no row. Placeholder: ${clean} (clean_events.sql, filled).
-- Columns: window_start_ms, product_id, views.
SELECT window_start_ms, product_id, count(*) AS views
FROM (${clean})
WHERE event_type = 'view' AND product_id IS NOT NULL AND product_id <> ''
GROUP BY window_start_ms, product_id
