/**
 * {@code report}: a self-contained HTML page of a run's output (headline numbers, the funnel, rates,
 * revenue, anomalies, visitors, dead letters, top products and the session funnel as charts), built
 * from the tables' final views with DuckDB.
 */
package io.funnelpulse.report;
