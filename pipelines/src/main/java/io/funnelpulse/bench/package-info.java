/**
 * Benchmarks: the streaming benchmark (replay generated events into a watched directory or Kafka and
 * measure the job), the alert benchmark (false alerts and recall of the anomaly detection over
 * generated data, judged on the hourly brand funnel computed in memory with the job's own rules), and
 * the yardstick of the batch comparison: the same tables computed by a native Spark SQL job
 * ({@link io.funnelpulse.bench.NativeSparkSqlJob}, run beside FunnelPulse by
 * {@code runner-profiles/bench-compare.sh}).
 */
package io.funnelpulse.bench;
