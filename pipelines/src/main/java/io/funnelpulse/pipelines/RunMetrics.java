package io.funnelpulse.pipelines;

import io.funnelpulse.io.ReadEventFiles;
import io.funnelpulse.io.WriteDeadLetters;
import io.funnelpulse.io.WriteFunnelTable;
import io.funnelpulse.transforms.aggregate.AccumulatePanesFn;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.clean.CleanEvents;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counts a run reports, taken from its Beam counters (attempted values: the Spark runner has no
 * committed ones): records read, valid events, quarantined records per reason, funnel rows written,
 * and the partials pre-aggregation sent on per aggregation (what is grouped and kept in state).
 */
public final class RunMetrics {
  private final long recordsRead;
  private final long valid;
  private final SortedMap<String, Long> quarantinedByReason;
  private final long funnelRowsWritten;
  private final SortedMap<String, Long> partialsByAggregation;
  private final long repeatedPanesDropped;

  private RunMetrics(
      long recordsRead,
      long valid,
      SortedMap<String, Long> quarantinedByReason,
      long funnelRowsWritten,
      SortedMap<String, Long> partialsByAggregation,
      long repeatedPanesDropped) {
    this.recordsRead = recordsRead;
    this.valid = valid;
    this.quarantinedByReason = Collections.unmodifiableSortedMap(quarantinedByReason);
    this.funnelRowsWritten = funnelRowsWritten;
    this.partialsByAggregation = Collections.unmodifiableSortedMap(partialsByAggregation);
    this.repeatedPanesDropped = repeatedPanesDropped;
  }

  /** Reads the counters of a finished run. */
  public static RunMetrics of(PipelineResult result) {
    long read = 0;
    long valid = 0;
    long rows = 0;
    long repeatedPanes = 0;
    SortedMap<String, Long> quarantined = new TreeMap<>();
    SortedMap<String, Long> partials = new TreeMap<>();
    for (MetricResult<Long> counter :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      String namespace = counter.getName().getNamespace();
      String name = counter.getName().getName();
      long value = counter.getAttempted();
      if (namespace.equals(ReadEventFiles.METRICS_NAMESPACE) && name.equals(ReadEventFiles.RECORDS_READ)) {
        read += value;
      } else if (namespace.equals(CleanEvents.METRICS_NAMESPACE) && name.equals(CleanEvents.VALID)) {
        valid += value;
      } else if (namespace.equals(WriteFunnelTable.METRICS_NAMESPACE)
          && name.equals(WriteFunnelTable.FUNNEL_ROWS)) {
        rows += value;
      } else if (namespace.equals(WriteDeadLetters.METRICS_NAMESPACE)
          && name.startsWith(WriteDeadLetters.COUNTER_PREFIX)
          && value > 0) {
        quarantined.merge(name.substring(WriteDeadLetters.COUNTER_PREFIX.length()), value, Long::sum);
      } else if (namespace.equals(PreAggregate.METRICS_NAMESPACE) && name.startsWith(PreAggregate.PARTIALS_PREFIX)) {
        partials.merge(name.substring(PreAggregate.PARTIALS_PREFIX.length()), value, Long::sum);
      } else if (namespace.equals(AccumulatePanesFn.METRICS_NAMESPACE)
          && name.equals(AccumulatePanesFn.REPEATED_PANES)) {
        repeatedPanes += value;
      }
    }
    return new RunMetrics(read, valid, quarantined, rows, partials, repeatedPanes);
  }

  public long recordsRead() {
    return recordsRead;
  }

  public long valid() {
    return valid;
  }

  public SortedMap<String, Long> quarantinedByReason() {
    return quarantinedByReason;
  }

  public long quarantined() {
    return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public long funnelRowsWritten() {
    return funnelRowsWritten;
  }

  /** Partials sent on by pre-aggregation, per aggregation: the elements grouped (and, streaming, kept in state). */
  public SortedMap<String, Long> partialsByAggregation() {
    return partialsByAggregation;
  }

  /** All partials sent on by pre-aggregation. */
  public long partials() {
    return partialsByAggregation.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Panes a stream's runner fired again for a window and key, dropped before they were written twice. */
  public long repeatedPanesDropped() {
    return repeatedPanesDropped;
  }

  /** Whether every record read was either counted or quarantined. */
  public boolean conserved() {
    return recordsRead == valid + quarantined();
  }
}
