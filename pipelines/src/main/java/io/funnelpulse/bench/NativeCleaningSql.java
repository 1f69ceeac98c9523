package io.funnelpulse.bench;

import io.funnelpulse.transforms.clean.SilverRules;

/**
 * The Spark SQL of the native job's reading and cleaning, with FunnelPulse's rules (those of
 * {@code src/sql/clean_events.sql}): the CSV columns as text, each row checked once into
 * {@value #CHECKED_VIEW} (its parsed columns, and a dead-letter reason, raw text and source when it is
 * rejected), the clean events and the dead letters selected from it.
 *
 * <pre>{@code
 * spark.read().schema(NativeCleaningSql.CSV_SCHEMA).options(...).csv(glob).createOrReplaceTempView("raw_events");
 * spark.sql(NativeCleaningSql.CHECKED).createOrReplaceTempView(NativeCleaningSql.CHECKED_VIEW);
 * }</pre>
 */
final class NativeCleaningSql {
  /** The view of the CSV rows as read. */
  static final String RAW_VIEW = "raw_events";
  /** The view of every row with its parsed columns and, when rejected, its reason. */
  static final String CHECKED_VIEW = "checked_events";
  /** The view of the clean events, which every table but the dead letters reads. */
  static final String CLEAN_VIEW = "clean_events";
  /** The column the CSV reader puts a malformed line's text in. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  /**
   * The nine REES46 columns, all as text so that the cleaning can say why a value is bad (typed
   * columns would turn a bad price or time into a malformed line), and the malformed-line column.
   */
  static final String CSV_SCHEMA = "event_time STRING, event_type STRING, product_id STRING, category_id STRING, "
      + "category_code STRING, brand STRING, price STRING, user_id STRING, user_session STRING, "
      + CORRUPT_RECORD + " STRING";

  /** Every row, parsed, with {@code reason} NULL when it is clean (else also raw, source, message). */
  static final String CHECKED = """
      SELECT ts, event_type, brand, product_id, user_id, user_session, price, reason,
             CASE WHEN reason IS NOT NULL
                  THEN coalesce(_corrupt_record, concat_ws(',', coalesce(event_time, ''), coalesce(event_type, ''),
                         coalesce(product_id_text, ''), coalesce(category_id, ''), coalesce(category_code, ''),
                         coalesce(brand_text, ''), coalesce(price_text, ''), coalesce(user_id_text, ''),
                         coalesce(user_session_text, ''))) END AS raw,
             CASE WHEN reason IS NOT NULL THEN input_file_name() END AS source,
             CASE reason
               WHEN 'malformed_line' THEN 'not a well-formed CSV record of 9 fields'
               WHEN 'bad_timestamp' THEN coalesce(concat("event_time '", event_time, "' is not a time"),
                                                  'event_time is missing')
               WHEN 'missing_event_type' THEN 'event_type is missing'
               WHEN 'unknown_event_type' THEN concat("event_type '", event_type, "'")
               WHEN 'missing_price' THEN 'price is empty'
               WHEN 'bad_price' THEN concat("price '", price_text, "' is not a number")
               WHEN 'non_positive_price' THEN concat('price ', price_text, ' is not positive')
               WHEN 'field_too_long' THEN 'a key field is longer than %1$d characters'
             END AS message
      FROM (
        SELECT *,
               CASE
                 WHEN _corrupt_record IS NOT NULL THEN 'malformed_line'
                 WHEN ts IS NULL OR ts < TIMESTAMP '1970-01-01 00:00:00' OR ts >= TIMESTAMP '2200-01-01 00:00:00'
                   THEN 'bad_timestamp'
                 WHEN event_type IS NULL OR event_type = '' THEN 'missing_event_type'
                 WHEN event_type NOT IN ('view', 'cart', 'remove_from_cart', 'purchase') THEN 'unknown_event_type'
                 WHEN price_text IS NULL OR price_text = '' THEN 'missing_price'
                 WHEN price IS NULL THEN 'bad_price'
                 WHEN price <= 0 THEN 'non_positive_price'
                 WHEN greatest(coalesce(length(trim(brand_text)), 0), coalesce(length(trim(category_code)), 0),
                               coalesce(length(trim(product_id_text)), 0), coalesce(length(trim(user_id_text)), 0),
                               coalesce(length(trim(user_session_text)), 0)) > %1$d
                   THEN 'field_too_long'
               END AS reason
        FROM (
          SELECT coalesce(to_timestamp(trim(event_time), "yyyy-MM-dd HH:mm:ss 'UTC'"),
                          to_timestamp(trim(event_time), "yyyy-MM-dd'T'HH:mm:ss'Z'"),
                          to_timestamp(trim(event_time), "yyyy-MM-dd'T'HH:mm:ss")) AS ts,
                 event_time, event_type, category_id, category_code, _corrupt_record,
                 NULLIF(lower(trim(brand)), '') AS brand,
                 trim(product_id) AS product_id,
                 NULLIF(trim(user_id), '') AS user_id,
                 NULLIF(trim(user_session), '') AS user_session,
                 try_cast(trim(price) AS DECIMAL(18, 2)) AS price,
                 brand AS brand_text, product_id AS product_id_text, price AS price_text, user_id AS user_id_text,
                 user_session AS user_session_text
          FROM raw_events
        )
      )
      """.formatted(SilverRules.MAX_KEY_CHARACTERS);

  /** The clean events: event time, hourly window start, type, brand, product, user, session, price. */
  static final String CLEAN = """
      SELECT ts, date_trunc('HOUR', ts) AS window_start, event_type, brand, product_id, user_id, user_session, price
      FROM checked_events
      WHERE reason IS NULL
      """;

  /** The rejected rows as dead letters (the CSV reader gives no line numbers: position is NULL). */
  static final String DEAD_LETTER = """
      SELECT raw, source, CAST(NULL AS BIGINT) AS position, reason, message
      FROM checked_events
      WHERE reason IS NOT NULL
      """;

  private NativeCleaningSql() {}
}
