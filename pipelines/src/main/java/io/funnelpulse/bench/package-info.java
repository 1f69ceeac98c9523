/**
 * Benchmarks: the streaming benchmark (replay generated events into a watched directory or Kafka and
 * measure the job) and the alert benchmark (false alerts and recall of the anomaly detection over
 * generated data, judged on the hourly brand funnel computed in memory with the job's own rules).
 */
package io.funnelpulse.bench;
