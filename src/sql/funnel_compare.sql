-- Rows of the reference that the final view lacks ('missing') or has differently, and rows of the
-- final view that the reference lacks ('extra'). Empty when they agree exactly (counts, revenue to the
-- cent, rates). Placeholders: ${reference} and ${final_view} are the two queries above, ${key} the key.
WITH expected AS (${reference}),
actual AS (
  SELECT epoch_ms(window_start) AS window_start_ms, ${key} AS key, views, carts, removes, purchases,
         CAST(revenue AS DECIMAL(18, 2)) AS revenue, view_to_cart_rate, cart_to_purchase_rate,
         conversion_rate
  FROM (${final_view})
)
SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual)
UNION ALL
SELECT 'extra' AS side, * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected)
ORDER BY window_start_ms, key, side
