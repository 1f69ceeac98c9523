-- Spark 3.5 SQL: daily unique visitors and sessions from the hourly HLL sketches FunnelPulse writes.
-- visitors_sketch / sessions_sketch are DataSketches HLL_8 compact images (lgK = hll_lg_k), the format
-- of Spark's own hll_sketch_agg, so hll_union_agg reads them directly. A union is idempotent: all
-- panes of an hour may be unioned, no final view is needed. Mixed lgK: hll_union_agg(sketch, true).
-- Spark's union keeps the order-dependent HIP estimator, so its estimate may differ from FunnelPulse's
-- visitors_daily (order-free composite estimator over the same registers) within the error bound.
-- Placeholder: ${output} (the job's output directory). Per brand: read visitors_hourly_brand and
-- add brand to the GROUP BY.
CREATE OR REPLACE TEMPORARY VIEW fp_visitors_hourly
USING parquet OPTIONS (path '${output}/visitors_hourly');

SELECT window_date,
       hll_sketch_estimate(hll_union_agg(visitors_sketch)) AS visitors,
       hll_sketch_estimate(hll_union_agg(sessions_sketch)) AS sessions
FROM fp_visitors_hourly
GROUP BY window_date
ORDER BY window_date;
