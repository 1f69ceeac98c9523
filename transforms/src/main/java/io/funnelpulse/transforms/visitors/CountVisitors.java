package io.funnelpulse.transforms.visitors;

import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.VisitorSketchesCoder;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.model.WindowRowCoder;
import io.funnelpulse.transforms.aggregate.ExplodeWindowMapFn;
import io.funnelpulse.transforms.aggregate.MapMergeFn;
import io.funnelpulse.transforms.aggregate.MergePartials;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Visitor rows from per-window maps of partial sketches ({@link VisitorPartials} gathered by
 * {@code PerWindowMap}, or rows re-keyed by {@link RollupVisitors}): windows them with the given
 * {@link WindowByEventTime}, unions the sketches per window and key, and emits one {@link WindowRow} per
 * window, key and pane, the latest pane holding the window's full sketch.
 *
 * <pre>{@code
 * PCollection<WindowRow<String, VisitorSketches>> rows = partials.apply("CountVisitors",
 *     CountVisitors.windowedBy(WindowByEventTime.of(Duration.standardHours(1))));
 * }</pre>
 */
public final class CountVisitors
    extends PTransform<PCollection<KV<Long, Map<String, VisitorSketches>>>, PCollection<WindowRow<String, VisitorSketches>>> {
  /** Coder of the per-window maps of sketches. */
  public static final Coder<Map<String, VisitorSketches>> MAP_CODER =
      MapCoder.of(NullableCoder.of(StringUtf8Coder.of()), VisitorSketchesCoder.of());

  private final WindowByEventTime<KV<Long, Map<String, VisitorSketches>>> windowing;

  private CountVisitors(WindowByEventTime<KV<Long, Map<String, VisitorSketches>>> windowing) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
  }

  /** Visitors per window of {@code windowing}. */
  public static CountVisitors windowedBy(WindowByEventTime<KV<Long, Map<String, VisitorSketches>>> windowing) {
    return new CountVisitors(windowing);
  }

  @Override
  public PCollection<WindowRow<String, VisitorSketches>> expand(PCollection<KV<Long, Map<String, VisitorSketches>>> partials) {
    return partials
        .apply("WindowVisitors", windowing)
        .apply("UnionSketches", MergePartials.with(new MapMergeFn<>(new VisitorSketchesCombineFn(), MAP_CODER), MAP_CODER))
        .apply("RowPerKey", ParDo.of(new ExplodeWindowMapFn<String, VisitorSketches>()))
        .setCoder(WindowRowCoder.of(StringUtf8Coder.of(), VisitorSketchesCoder.of()));
  }
}
