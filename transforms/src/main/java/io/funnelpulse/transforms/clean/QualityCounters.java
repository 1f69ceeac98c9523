package io.funnelpulse.transforms.clean;

import io.funnelpulse.model.ClickEvent;
import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The cleaning counters, in namespace {@value CleanEvents#METRICS_NAMESPACE}: valid events and the
 * data-quality flags (missing session, brand, category). Held as a field by every DoFn that cleans.
 */
public final class QualityCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Counter valid = Metrics.counter(CleanEvents.METRICS_NAMESPACE, CleanEvents.VALID);
  private final Counter missingSession =
      Metrics.counter(CleanEvents.METRICS_NAMESPACE, "missing_session");
  private final Counter missingBrand = Metrics.counter(CleanEvents.METRICS_NAMESPACE, "missing_brand");
  private final Counter missingCategory =
      Metrics.counter(CleanEvents.METRICS_NAMESPACE, "missing_category");

  /** Counts one valid event and its flags. */
  public void countValid(ClickEvent event) {
    valid.inc();
    if (event.missingSession()) {
      missingSession.inc();
    }
    if (event.missingBrand()) {
      missingBrand.inc();
    }
    if (event.missingCategory()) {
      missingCategory.inc();
    }
  }
}
