-- Raw REES46 CSV rows as text, for funnel_reference.sql; malformed lines are skipped.
-- Placeholder: ${input} (a quoted glob of CSV files, plain or .gz, or a DuckDB list of such files).
read_csv(${input}, header = true, all_varchar = true, quote = '"', escape = '"',
         ignore_errors = true, auto_detect = false,
         columns = {'event_time': 'VARCHAR', 'event_type': 'VARCHAR', 'product_id': 'VARCHAR',
                    'category_id': 'VARCHAR', 'category_code': 'VARCHAR', 'brand': 'VARCHAR',
                    'price': 'VARCHAR', 'user_id': 'VARCHAR', 'user_session': 'VARCHAR'})
