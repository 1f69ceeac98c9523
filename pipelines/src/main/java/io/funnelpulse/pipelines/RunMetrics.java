package io.funnelpulse.pipelines;

import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.MetricValues;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counts a run reports, taken from its Beam counters as {@link MetricValues#settled} values (a
 * finished run's totals; while a stream runs, what it has counted so far): records read, valid events,
 * quarantined records per reason, funnel rows written, the partials pre-aggregation sent on per
 * aggregation (what is grouped and kept in state), and the session ledger's counters.
 */
public final class RunMetrics {
  private final long recordsRead;
  private final long valid;
  private final SortedMap<String, Long> quarantinedByReason;
  private final long funnelRowsWritten;
  private final SortedMap<String, Long> partialsByAggregation;
  private final long repeatedPanesDropped;
  private final SortedMap<String, Long> sessionCounters;
  private final long largestLedgerBucket;
  private final SortedSet<String> namespaces;

  private RunMetrics(
      long recordsRead,
      long valid,
      SortedMap<String, Long> quarantinedByReason,
      long funnelRowsWritten,
      SortedMap<String, Long> partialsByAggregation,
      long repeatedPanesDropped,
      SortedMap<String, Long> sessionCounters,
      long largestLedgerBucket,
      SortedSet<String> namespaces) {
    this.recordsRead = recordsRead;
    this.valid = valid;
    this.quarantinedByReason = Collections.unmodifiableSortedMap(quarantinedByReason);
    this.funnelRowsWritten = funnelRowsWritten;
    this.partialsByAggregation = Collections.unmodifiableSortedMap(partialsByAggregation);
    this.repeatedPanesDropped = repeatedPanesDropped;
    this.sessionCounters = Collections.unmodifiableSortedMap(sessionCounters);
    this.largestLedgerBucket = largestLedgerBucket;
    this.namespaces = Collections.unmodifiableSortedSet(namespaces);
  }

  /** Reads the counters of a finished run. */
  public static RunMetrics of(PipelineResult result) {
    long read = 0;
    long valid = 0;
    long rows = 0;
    long repeatedPanes = 0;
    SortedMap<String, Long> quarantined = new TreeMap<>();
    SortedMap<String, Long> partials = new TreeMap<>();
    SortedMap<String, Long> sessions = new TreeMap<>();
    SortedSet<String> namespaces = new TreeSet<>();
    for (MetricResult<Long> counter :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      String namespace = counter.getName().getNamespace();
      String name = counter.getName().getName();
      long value = MetricValues.settled(counter);
      namespaces.add(namespace);
      if (namespace.equals(MetricNames.READ) && name.equals(MetricNames.RECORDS_READ)) {
        read += value;
      } else if (namespace.equals(MetricNames.CLEAN) && name.equals(MetricNames.VALID)) {
        valid += value;
      } else if (namespace.equals(MetricNames.WRITE)
          && name.equals(MetricNames.FUNNEL_ROWS)) {
        rows += value;
      } else if (namespace.equals(MetricNames.DEAD_LETTERS)
          && name.startsWith(MetricNames.DEAD_LETTERS_PREFIX)
          && value > 0) {
        quarantined.merge(name.substring(MetricNames.DEAD_LETTERS_PREFIX.length()), value, Long::sum);
      } else if (namespace.equals(MetricNames.PREAGGREGATE) && name.startsWith(MetricNames.PARTIALS_PREFIX)) {
        partials.merge(name.substring(MetricNames.PARTIALS_PREFIX.length()), value, Long::sum);
      } else if (namespace.equals(MetricNames.PANES)
          && name.equals(MetricNames.REPEATED_PANES_DROPPED)) {
        repeatedPanes += value;
      } else if (namespace.equals(MetricNames.SESSIONS)) {
        sessions.merge(name, value, Long::sum);
      }
    }
    long largestBucket = 0;
    for (MetricResult<DistributionResult> kept : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(MetricNames.SESSIONS, MetricNames.SESSIONS_KEPT)).build()).getDistributions()) {
      DistributionResult sizes = MetricValues.settled(kept);
      if (sizes.getCount() > 0) {
        largestBucket = Math.max(largestBucket, sizes.getMax());
      }
    }
    return new RunMetrics(read, valid, quarantined, rows, partials, repeatedPanes, sessions, largestBucket, namespaces);
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

  /**
   * A counter of the session ledger ({@link MetricNames#SESSIONS_MERGED}, {@link
   * MetricNames#SESSIONS_CLOSED}); 0 when the run has no session tables.
   */
  public long sessionCounter(String name) {
    return sessionCounters.getOrDefault(name, 0L);
  }

  /**
   * The most sessions a ledger bucket kept after letting closed ones go ({@link
   * MetricNames#SESSIONS_KEPT}); 0 without session tables or before the first bucket let any go.
   */
  public long largestLedgerBucket() {
    return largestLedgerBucket;
  }

  /** The namespaces of the run's counters (all {@code funnelpulse.*}, see {@link MetricNames}). */
  public SortedSet<String> namespaces() {
    return namespaces;
  }

  /** Whether every record read was either counted or quarantined. */
  public boolean conserved() {
    return recordsRead == valid + quarantined();
  }
}
