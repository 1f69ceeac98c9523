-- Top-N products per window from a page-view relation: most views first, ties by product_id ascending
-- (the pipeline's order). Run it over the final view of pageviews_hourly (final_view.sql with
-- key product_id) or over pageviews_reference.sql.
-- Placeholders: ${pageviews} (a query with window_start_ms, product_id, views), ${top_n}.
-- Columns: window_start_ms, rank, product_id, views.
SELECT window_start_ms, rank, product_id, views
FROM (
  SELECT window_start_ms, product_id, views,
         CAST(row_number() OVER (PARTITION BY window_start_ms ORDER BY views DESC, product_id ASC) AS INTEGER)
           AS rank
  FROM (${pageviews})
)
WHERE rank <= ${top_n}
