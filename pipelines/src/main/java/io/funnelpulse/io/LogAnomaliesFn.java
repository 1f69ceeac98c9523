package io.funnelpulse.io;

import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.WindowRow;
import java.time.Instant;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each alert state as one readable line (alerts are rare, unlike events), e.g.
 * {@code ANOMALY brand=kosmari window=2019-10-20T19:00:00Z/2019-10-20T20:00:00Z purchases DROP OPENED
 * observed 0 expected 19.58 score -14.6 WARNING: ≈ 36 purchases missing since 2019-10-20T18:00:00Z
 * (2 windows) (ON_TIME#0)}.
 */
public final class LogAnomaliesFn extends DoFn<WindowRow<String, Anomaly>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(LogAnomaliesFn.class);

  @ProcessElement
  public void processElement(@Element WindowRow<String, Anomaly> alert) {
    LOG.warn(line(alert));
  }

  /** The log line of {@code alert}. */
  public static String line(WindowRow<String, Anomaly> alert) {
    return "ANOMALY brand=" + alert.key() + " window=" + Instant.ofEpochMilli(alert.windowStartMillis()) + "/"
        + Instant.ofEpochMilli(alert.windowEndMillis()) + " " + alert.value().describe() + " (" + alert.pane() + ")";
  }
}
