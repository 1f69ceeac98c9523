package io.funnelpulse.io;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailedRecordCoder;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.TableNames;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericData;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes failed records to the {@code dead_letter} Parquet table (raw text, source, position, reason
 * code, message) and counts them per reason in the {@code funnelpulse.dead_letters} namespace, counter
 * {@code quarantined_<reason>}.
 *
 * <pre>{@code
 * failures.apply("WriteDeadLetters", WriteDeadLetters.to("/out"));
 * }</pre>
 */
public final class WriteDeadLetters extends PTransform<PCollection<FailedRecord>, PDone> {
  private final String outputDir;

  private WriteDeadLetters(String outputDir) {
    this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
  }

  /** Writes the dead letters under {@code outputDir}/dead_letter. */
  public static WriteDeadLetters to(String outputDir) {
    return new WriteDeadLetters(outputDir);
  }

  @Override
  public PDone expand(PCollection<FailedRecord> failures) {
    return failures
        .apply("CountByReason", ParDo.of(new CountByReasonFn()))
        .setCoder(FailedRecordCoder.of())
        .apply(
            "WriteParquet",
            ParquetTableWrite.of(TableNames.DEAD_LETTER, outputDir, WriteDeadLetters::putColumns));
  }

  /** Counts failures by reason on their way to the files. */
  static final class CountByReasonFn extends DoFn<FailedRecord, FailedRecord> {
    private final Map<FailureReason, Counter> counters = new EnumMap<>(FailureReason.class);

    CountByReasonFn() {
      for (FailureReason reason : FailureReason.values()) {
        counters.put(reason, Metrics.counter(MetricNames.DEAD_LETTERS, MetricNames.DEAD_LETTERS_PREFIX + reason.code()));
      }
    }

    @ProcessElement
    public void processElement(@Element FailedRecord failure, OutputReceiver<FailedRecord> out) {
      counters.get(failure.reason()).inc();
      out.output(failure);
    }
  }

  /** The columns of a failure. */
  private static void putColumns(FailedRecord failure, GenericData.Record r) {
    r.put("raw", failure.raw().text());
    r.put("source", failure.raw().source());
    r.put("position", failure.raw().position());
    r.put("reason", failure.reason().code());
    r.put("message", failure.message());
  }
}
