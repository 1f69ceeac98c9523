package io.funnelpulse.io;

import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes failed records to the {@code dead_letter} Parquet table (raw text, source, position, reason
 * code, message) and counts them per reason in the {@value #METRICS_NAMESPACE} namespace, counter
 * {@code quarantined_<reason>}.
 *
 * <pre>{@code
 * failures.apply("WriteDeadLetters", WriteDeadLetters.to("/out"));
 * }</pre>
 */
public final class WriteDeadLetters extends PTransform<PCollection<FailedRecord>, PDone> {
  /** Namespace of the per-reason counters. */
  public static final String METRICS_NAMESPACE = "funnelpulse.quarantine";
  /** Prefix of the per-reason counters. */
  public static final String COUNTER_PREFIX = "quarantined_";

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
    String schemaJson = TableSchemas.json(TableSchemas.DEAD_LETTER);
    return failures
        .apply("ToAvroRecords", ParDo.of(new ToRecordFn(schemaJson)))
        .setCoder(AvroCoder.of(new Schema.Parser().parse(schemaJson)))
        .apply("WriteParquet", ParquetTableWrite.of(TableSchemas.DEAD_LETTER, schemaJson, outputDir));
  }

  /** Converts a failure to its Avro record and counts it by reason. */
  static final class ToRecordFn extends DoFn<FailedRecord, GenericRecord> {
    private final String schemaJson;
    private final Map<FailureReason, Counter> counters = new EnumMap<>(FailureReason.class);
    private transient Schema schema;

    ToRecordFn(String schemaJson) {
      this.schemaJson = schemaJson;
      for (FailureReason reason : FailureReason.values()) {
        counters.put(reason, Metrics.counter(METRICS_NAMESPACE, COUNTER_PREFIX + reason.code()));
      }
    }

    @Setup
    public void setup() {
      schema = new Schema.Parser().parse(schemaJson);
    }

    @ProcessElement
    public void processElement(@Element FailedRecord failure, OutputReceiver<GenericRecord> out) {
      counters.get(failure.reason()).inc();
      GenericData.Record r = new GenericData.Record(schema);
      r.put("raw", failure.raw().text());
      r.put("source", failure.raw().source());
      r.put("position", failure.raw().position());
      r.put("reason", failure.reason().code());
      r.put("message", failure.message());
      out.output(r);
    }
  }
}
