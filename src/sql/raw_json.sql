-- Raw REES46 JSON lines as text, for funnel_reference.sql; malformed lines are skipped.
-- Placeholder: ${input} (a quoted glob of JSON-lines files, plain or .gz, or a DuckDB list of them). Times: the REES46 form, or
-- ISO-8601 in UTC ('Z' or no offset).
read_json(${input}, format = 'newline_delimited', ignore_errors = true,
          columns = {'event_time': 'VARCHAR', 'event_type': 'VARCHAR', 'product_id': 'VARCHAR',
                     'category_id': 'VARCHAR', 'category_code': 'VARCHAR', 'brand': 'VARCHAR',
                     'price': 'VARCHAR', 'user_id': 'VARCHAR', 'user_session': 'VARCHAR'})
