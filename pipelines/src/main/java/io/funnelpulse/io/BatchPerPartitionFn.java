package io.funnelpulse.io;

import io.funnelpulse.model.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Gathers a bundle's elements (in the global window) into one list per partition, emitted at the end
 * of the bundle with the earliest timestamp of its elements. The grouping that follows then holds a
 * few lists per partition instead of every row, and counts the rows when given a counter name: on Spark streaming each element added to a grouped
 * bag re-reads the whole bag, so one element per row made a flush cost quadratic in its rows.
 */
final class BatchPerPartitionFn<T> extends DoFn<T, KV<String, List<T>>> {
  private final SerializableFunction<T, String> partition;
  private final Counter rows;
  private transient Map<String, List<T>> batches;
  private transient long rowsInBundle;
  private transient Instant earliest;

  BatchPerPartitionFn(SerializableFunction<T, String> partition, String rowCounter) {
    this.partition = partition;
    this.rows = rowCounter == null ? null : Metrics.counter(MetricNames.WRITE, rowCounter);
  }

  @StartBundle
  public void startBundle() {
    batches = new HashMap<>();
    earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;
    rowsInBundle = 0;
  }

  @ProcessElement
  public void processElement(@Element T element, @Timestamp Instant timestamp) {
    batches.computeIfAbsent(partition.apply(element), p -> new ArrayList<>()).add(element);
    rowsInBundle++;
    if (timestamp.isBefore(earliest)) {
      earliest = timestamp;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Map.Entry<String, List<T>> batch : batches.entrySet()) {
      context.output(KV.of(batch.getKey(), batch.getValue()), earliest, GlobalWindow.INSTANCE);
    }
    batches = null;
    if (rows != null && rowsInBundle > 0) {
      rows.inc(rowsInBundle);
    }
  }
}
