package io.funnelpulse.pipelines;

import io.funnelpulse.io.LogAnomaliesFn;
import io.funnelpulse.io.WindowRowColumns;
import io.funnelpulse.io.WriteWindowRowTable;
import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.io.kafka.SendAlertsToKafka;
import io.funnelpulse.model.Anomaly;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.anomaly.AnomalyThresholds;
import io.funnelpulse.transforms.anomaly.DetectAnomalies;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.util.Arrays;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The anomaly branch off the funnel rows: {@code DetectAnomalies → LogAnomalies, WriteAnomalies} (and
 * {@code SendAlerts} with {@code --alertsTopic}), one log line, one row of the {@code anomalies} table
 * and one Kafka record per alert state (opened, updated, closed). Brand funnels only.
 */
final class AnomalyBranch {
  private AnomalyBranch() {}

  /** Whether the job configured by {@code options} has the branch. */
  static boolean enabled(FunnelPulseOptions options) {
    return options.getAnomalies() && options.getDimension() == FunnelDimension.BRAND;
  }

  /** The thresholds from {@code options}. */
  static AnomalyThresholds thresholds(AnomalyOptions options) {
    return AnomalyThresholds.defaults()
        .withBaselineDays(options.getAnomalyBaselineDays(), options.getAnomalyMinBaselineDays())
        .withFalseAlertsPerBrandWeek(options.getAnomalyFalseAlertsPerBrandWeek())
        .withFactors(factors(options.getAnomalyDropFactors()), factors(options.getAnomalySpikeFactors()));
  }

  private static double[] factors(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToDouble(Double::parseDouble).toArray();
  }

  /** Adds detection, logging and the table write over {@code rows}; returns the alerts. */
  static PCollection<WindowRow<String, Anomaly>> addTo(PCollection<FunnelRow> rows, FunnelPulseOptions options) {
    PCollection<WindowRow<String, Anomaly>> alerts =
        rows.apply(
            "DetectAnomalies",
            DetectAnomalies.with(thresholds(options)).withEarlyAlerts(options.getAnomalyEarlyAlerts()));
    alerts.apply("LogAnomalies", ParDo.of(new LogAnomaliesFn()));
    alerts.apply(
        "WriteAnomalies",
        WriteWindowRowTable.to(options.getOutput(), TableNames.ANOMALIES, TableNames.ANOMALIES,
                WindowRowColumns.anomalies())
            .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));
    if (!options.getAlertsTopic().isEmpty()) {
      alerts.apply("SendAlerts", SendAlertsToKafka.to(KafkaAddress.parse(options.getAlertsTopic())));
    }
    return alerts;
  }
}
