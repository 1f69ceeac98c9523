package io.funnelpulse.transforms.clean;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.MetricNames;
import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The cleaning counters, in namespace {@value MetricNames#CLEAN}: valid events and the
 * data-quality flags (missing session, brand, category). Held as a field by every DoFn that cleans;
 * counts are kept locally and published by {@link #flush()} (call it at the end of each bundle), since
 * a metrics update per element costs more than the cleaning itself.
 */
public final class QualityCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Counter valid = Metrics.counter(MetricNames.CLEAN, MetricNames.VALID);
  private final Counter missingSession =
      Metrics.counter(MetricNames.CLEAN, MetricNames.MISSING_SESSION);
  private final Counter missingBrand = Metrics.counter(MetricNames.CLEAN, MetricNames.MISSING_BRAND);
  private final Counter missingCategory =
      Metrics.counter(MetricNames.CLEAN, MetricNames.MISSING_CATEGORY);

  private transient long pendingValid;
  private transient long pendingMissingSession;
  private transient long pendingMissingBrand;
  private transient long pendingMissingCategory;

  /** Counts one valid event and its flags, locally until {@link #flush()}. */
  public void countValid(ClickEvent event) {
    pendingValid++;
    if (event.missingSession()) {
      pendingMissingSession++;
    }
    if (event.missingBrand()) {
      pendingMissingBrand++;
    }
    if (event.missingCategory()) {
      pendingMissingCategory++;
    }
  }

  /** Publishes the counts kept since the last flush to the Beam counters. */
  public void flush() {
    publish(valid, pendingValid);
    publish(missingSession, pendingMissingSession);
    publish(missingBrand, pendingMissingBrand);
    publish(missingCategory, pendingMissingCategory);
    pendingValid = 0;
    pendingMissingSession = 0;
    pendingMissingBrand = 0;
    pendingMissingCategory = 0;
  }

  private static void publish(Counter counter, long value) {
    if (value > 0) {
      counter.inc(value);
    }
  }
}
