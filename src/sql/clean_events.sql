-- Clean events straight from raw REES46 rows, with the pipeline's cleaning rules (event type one of
-- four, event time parseable, price present and positive, key fields within the length limit; brand
-- lower-cased, blanks missing), each with the start of its window. Shared by the page-view and visitor
-- references. Placeholders: ${raw} (raw_csv.sql or raw_json.sql), ${window_seconds} (window size in
-- seconds), ${max_key_characters} (the longest key field kept, SilverRules.MAX_KEY_CHARACTERS).
-- Columns: window_start_ms, event_type, brand, product_id, user_id, user_session, event_time_ms,
-- price_cents.
SELECT CAST(floor(epoch(ts) / ${window_seconds}) AS BIGINT) * ${window_seconds} * 1000 AS window_start_ms,
       event_type, brand, product_id, user_id, user_session,
       epoch_ms(ts) AS event_time_ms, CAST(price * 100 AS BIGINT) AS price_cents
FROM (
  SELECT try_strptime(trim(event_time),
                      ['%Y-%m-%d %H:%M:%S UTC', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S']) AS ts,
         event_type,
         NULLIF(lower(trim(brand)), '') AS brand,
         trim(product_id) AS product_id,
         NULLIF(trim(user_id), '') AS user_id,
         NULLIF(trim(user_session), '') AS user_session,
         TRY_CAST(trim(price) AS DECIMAL(18, 2)) AS price,
         category_code AS raw_category_code, brand AS raw_brand, product_id AS raw_product_id,
         user_id AS raw_user_id, user_session AS raw_user_session
  FROM ${raw}
)
WHERE ts IS NOT NULL
  AND event_type IN ('view', 'cart', 'remove_from_cart', 'purchase')
  AND price IS NOT NULL AND price > 0
  AND coalesce(length(trim(raw_brand)), 0) <= ${max_key_characters} AND coalesce(length(trim(raw_category_code)), 0) <= ${max_key_characters}
  AND coalesce(length(trim(raw_product_id)), 0) <= ${max_key_characters} AND coalesce(length(trim(raw_user_id)), 0) <= ${max_key_characters}
  AND coalesce(length(trim(raw_user_session)), 0) <= ${max_key_characters}
