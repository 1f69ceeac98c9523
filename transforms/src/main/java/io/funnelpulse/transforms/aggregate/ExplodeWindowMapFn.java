package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.WindowRow;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;

/**
 * Turns a window's merged map of a fired pane into one {@link WindowRow} per entry, each with the
 * window bounds and the pane's facts.
 *
 * @param <K> the row key
 * @param <V> the row value
 */
public final class ExplodeWindowMapFn<K, V> extends DoFn<KV<Long, Map<K, V>>, WindowRow<K, V>> {
  @ProcessElement
  public void processElement(
      @Element KV<Long, Map<K, V>> merged, BoundedWindow window, PaneInfo pane, OutputReceiver<WindowRow<K, V>> out) {
    IntervalWindow interval = (IntervalWindow) window;
    PaneFacts facts = PaneFacts.of(pane);
    for (Map.Entry<K, V> entry : merged.getValue().entrySet()) {
      out.output(
          WindowRow.of(interval.start().getMillis(), interval.end().getMillis(), entry.getKey(), entry.getValue(), facts));
    }
  }
}
