package io.funnelpulse.transforms.visitors;

import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Rolls visitor rows of fine windows (hours) up into coarser ones (days) by unioning their sketches:
 * the daily sketch of a key is the union of its hourly sketches, which is the sketch of the day's
 * events. Because a union is idempotent, the running-total panes of a stream can all be unioned; the
 * result is still each hour counted once. The coarse windows use {@code windowing}'s lateness and
 * early firings.
 *
 * <pre>{@code
 * PCollection<WindowRow<String, VisitorSketches>> daily = hourly.apply("RollupDaily",
 *     RollupVisitors.into(WindowByEventTime.of(Duration.standardDays(1))));
 * }</pre>
 */
public final class RollupVisitors
    extends PTransform<PCollection<WindowRow<String, VisitorSketches>>, PCollection<WindowRow<String, VisitorSketches>>> {
  /** All rows of a coarse window merge under one key: the coarse window tells them apart. */
  private static final Long ROLLUP_KEY = 0L;

  private final WindowByEventTime<KV<Long, Map<String, VisitorSketches>>> windowing;

  private RollupVisitors(WindowByEventTime<KV<Long, Map<String, VisitorSketches>>> windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Rolls up into the windows of {@code windowing} (which must be a multiple of the input windows). */
  public static RollupVisitors into(WindowByEventTime<KV<Long, Map<String, VisitorSketches>>> windowing) {
    return new RollupVisitors(windowing);
  }

  @Override
  public PCollection<WindowRow<String, VisitorSketches>> expand(PCollection<WindowRow<String, VisitorSketches>> rows) {
    return rows.apply(
            "KeySketches",
            MapElements.into(new TypeDescriptor<KV<Long, Map<String, VisitorSketches>>>() {})
                .via((WindowRow<String, VisitorSketches> row) -> KV.of(ROLLUP_KEY, singleton(row))))
        .setCoder(KvCoder.of(VarLongCoder.of(), CountVisitors.MAP_CODER))
        .apply("CountCoarseVisitors", CountVisitors.windowedBy(windowing));
  }

  private static Map<String, VisitorSketches> singleton(WindowRow<String, VisitorSketches> row) {
    Map<String, VisitorSketches> map = new HashMap<>();
    map.put(row.key(), row.value());
    return map;
  }
}
