package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailedRecordCoder;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.clean.QualityCounters;
import io.funnelpulse.transforms.clean.SilverRules;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.ParseEvents;
import io.funnelpulse.transforms.parse.RecordParser;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * The funnel straight from raw records in one pass: each record is parsed ({@link RecordParser}) and
 * cleaned ({@link SilverRules}) exactly as {@link ParseEvents} and {@code CleanEvents} do, and its
 * contribution is summed per window and key within the bundle before anything is shuffled; failures
 * go to {@link #FAILED}. The partial sums then go through the configured {@link WindowFunnel} and
 * {@link SumFunnel}, so panes, lateness and the rows are those of {@link CountFunnel} over clean
 * events.
 *
 * <p>Why: a runner that materialises the outputs of a multi-output step (Spark caches both outputs of
 * such a ParDo) or keeps raw elements in state (Spark streaming does not lift combines) then holds a
 * few numbers per window and key, not every event.
 *
 * <pre>{@code
 * PCollectionTuple funnel = raw.apply("CountFunnel",
 *     FunnelFromRawRecords.of(InputFormat.AUTO, FunnelDimension.BRAND, WindowFunnel.of(Duration.standardHours(1))));
 * PCollection<FunnelRow> rows = funnel.get(FunnelFromRawRecords.ROWS);
 * PCollection<FailedRecord> failures = funnel.get(FunnelFromRawRecords.FAILED);
 * }</pre>
 */
public final class FunnelFromRawRecords extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  /** Funnel rows, one per window, key and pane. */
  public static final TupleTag<FunnelRow> ROWS = new TupleTag<FunnelRow>() {};
  /** Records that failed parsing or cleaning. */
  public static final TupleTag<FailedRecord> FAILED = new TupleTag<FailedRecord>() {};

  private static final TupleTag<KV<String, FunnelCounts>> PARTIAL_SUMS =
      new TupleTag<KV<String, FunnelCounts>>() {};

  private final InputFormat format;
  private final FunnelDimension dimension;
  private final WindowFunnel<KV<String, FunnelCounts>> windowing;

  private FunnelFromRawRecords(
      InputFormat format, FunnelDimension dimension, WindowFunnel<KV<String, FunnelCounts>> windowing) {
    this.format = Objects.requireNonNull(format, "format");
    this.dimension = Objects.requireNonNull(dimension, "dimension");
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** The funnel of records in {@code format}, per {@code dimension}, windowed by {@code windowing}. */
  public static FunnelFromRawRecords of(
      InputFormat format, FunnelDimension dimension, WindowFunnel<KV<String, FunnelCounts>> windowing) {
    return new FunnelFromRawRecords(format, dimension, windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> raw) {
    PCollectionTuple parsed =
        raw.apply(
            "ParseCleanAndPreSum",
            ParDo.of(new PreSumFn(format, dimension, windowing.size().getMillis()))
                .withOutputTags(PARTIAL_SUMS, TupleTagList.of(FAILED)));
    PCollection<FunnelRow> rows =
        parsed
            .get(PARTIAL_SUMS)
            .setCoder(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), FunnelCountsCoder.of()))
            .apply("WindowFunnel", windowing)
            .apply("SumFunnel", SumFunnel.ofPartialSums());
    PCollection<FailedRecord> failures = parsed.get(FAILED).setCoder(FailedRecordCoder.of());
    return PCollectionTuple.of(ROWS, rows).and(FAILED, failures);
  }

  /** A window start and a dimension key: what partial sums are kept by. */
  private static final class WindowKey {
    final long windowStartMillis;
    final String key;

    WindowKey(long windowStartMillis, String key) {
      this.windowStartMillis = windowStartMillis;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof WindowKey)) {
        return false;
      }
      WindowKey that = (WindowKey) o;
      return windowStartMillis == that.windowStartMillis && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(windowStartMillis) * 31 + Objects.hashCode(key);
    }
  }

  /**
   * Parses and cleans each record and adds it to the bundle's partial sum of its window and key; at
   * the end of the bundle each sum is emitted, timestamped with its window's start.
   */
  static final class PreSumFn extends DoFn<RawRecord, KV<String, FunnelCounts>> {
    private final Counter parsed = Metrics.counter(ParseEvents.METRICS_NAMESPACE, ParseEvents.PARSED_COUNTER);
    private final QualityCounters quality = new QualityCounters();
    private final InputFormat format;
    private final FunnelDimension dimension;
    private final long windowMillis;
    private transient Map<WindowKey, FunnelCounts> sums;
    private transient long parsedInBundle;

    PreSumFn(InputFormat format, FunnelDimension dimension, long windowMillis) {
      this.format = format;
      this.dimension = dimension;
      this.windowMillis = windowMillis;
    }

    @StartBundle
    public void startBundle() {
      sums = new HashMap<>();
      parsedInBundle = 0;
    }

    @ProcessElement
    public void processElement(@Element RawRecord raw, MultiOutputReceiver out) {
      Outcome<EventRecord> record = RecordParser.parse(raw, format);
      if (!record.succeeded()) {
        out.get(FAILED).output(record.failure());
        return;
      }
      parsedInBundle++;
      Outcome<ClickEvent> clean = SilverRules.apply(record.value());
      if (!clean.succeeded()) {
        out.get(FAILED).output(clean.failure());
        return;
      }
      ClickEvent event = clean.value();
      quality.countValid(event);
      long windowStart = event.eventTimeMillis() - Math.floorMod(event.eventTimeMillis(), windowMillis);
      sums.computeIfAbsent(new WindowKey(windowStart, dimension.keyOf(event)), k -> FunnelCounts.empty())
          .add(event.eventType(), event.priceCents());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<WindowKey, FunnelCounts> sum : sums.entrySet()) {
        context.output(
            KV.of(sum.getKey().key, sum.getValue()),
            new Instant(sum.getKey().windowStartMillis),
            GlobalWindow.INSTANCE);
      }
      sums = null;
      parsed.inc(parsedInBundle);
      quality.flush();
    }
  }
}
