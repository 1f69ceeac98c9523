package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.model.FunnelRow;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Counts the funnel of windowed clean events per window and dimension key, one {@link FunnelRow} per
 * window, key and pane. Each event is shrunk to its compact {@link FunnelCounts} before grouping, so a
 * runner that does not lift combines (Spark streaming) keeps five numbers per event in state, not the
 * event.
 *
 * <pre>{@code
 * PCollection<FunnelRow> rows = windowed.apply("CountFunnel", CountFunnel.by(FunnelDimension.BRAND));
 * }</pre>
 */
public final class CountFunnel extends PTransform<PCollection<ClickEvent>, PCollection<FunnelRow>> {
  private final FunnelDimension dimension;

  private CountFunnel(FunnelDimension dimension) {
    this.dimension = Objects.requireNonNull(dimension, "dimension");
  }

  /** Counts per window and {@code dimension} key. */
  public static CountFunnel by(FunnelDimension dimension) {
    return new CountFunnel(dimension);
  }

  @Override
  public PCollection<FunnelRow> expand(PCollection<ClickEvent> events) {
    return events
        .apply("KeyByDimension", ParDo.of(new KeyByDimensionFn(dimension)))
        .setCoder(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), FunnelCountsCoder.of()))
        .apply("SumFunnel", SumFunnel.ofEvents());
  }

  /** Keys each event by its dimension value, with its one-event contribution as the value. */
  static final class KeyByDimensionFn extends DoFn<ClickEvent, KV<String, FunnelCounts>> {
    private final FunnelDimension dimension;

    KeyByDimensionFn(FunnelDimension dimension) {
      this.dimension = dimension;
    }

    @ProcessElement
    public void processElement(@Element ClickEvent event, OutputReceiver<KV<String, FunnelCounts>> out) {
      out.output(KV.of(dimension.keyOf(event), FunnelCounts.ofEvent(event.eventType(), event.priceCents())));
    }
  }
}
