/**
 * The SQL over the job's outputs and inputs that DuckDB runs: the final view of each table, the
 * reference recomputation of the funnel and the clickstream tables from raw events, and the session
 * that runs it. Used by {@code verify} and by the run summary's read-back of the final view.
 */
package io.funnelpulse.sql;
