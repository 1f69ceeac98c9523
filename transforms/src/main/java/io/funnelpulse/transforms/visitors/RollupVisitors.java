package io.funnelpulse.transforms.visitors;

import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.VisitorSketchesCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.funnel.WindowFunnel;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Rolls visitor rows of fine windows (hours) up into coarser ones (days) by unioning their sketches:
 * the daily sketch of a key is the union of its hourly sketches, which is the sketch of the day's
 * events. Because a union is idempotent, the running-total panes of a stream can all be unioned; the
 * result is still each hour counted once. The coarse windows use {@code windowing}'s lateness and
 * early firings.
 *
 * <pre>{@code
 * PCollection<WindowRow<String, VisitorSketches>> daily = hourly.apply("RollupDaily",
 *     RollupVisitors.into(WindowFunnel.of(Duration.standardDays(1))));
 * }</pre>
 */
public final class RollupVisitors
    extends PTransform<PCollection<WindowRow<String, VisitorSketches>>, PCollection<WindowRow<String, VisitorSketches>>> {
  private final WindowFunnel<KV<String, VisitorSketches>> windowing;

  private RollupVisitors(WindowFunnel<KV<String, VisitorSketches>> windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Rolls up into the windows of {@code windowing} (which must be a multiple of the input windows). */
  public static RollupVisitors into(WindowFunnel<KV<String, VisitorSketches>> windowing) {
    return new RollupVisitors(windowing);
  }

  @Override
  public PCollection<WindowRow<String, VisitorSketches>> expand(PCollection<WindowRow<String, VisitorSketches>> rows) {
    return rows.apply(
            "KeySketches",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), new TypeDescriptor<VisitorSketches>() {}))
                .via((WindowRow<String, VisitorSketches> row) -> KV.of(row.key(), row.value())))
        .setCoder(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), VisitorSketchesCoder.of()))
        .apply("CountCoarseVisitors", CountVisitors.windowedBy(windowing));
  }
}
