package io.funnelpulse.transforms.aggregate;

import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.WindowRow;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;

/**
 * Turns a keyed value of a fired pane into a {@link WindowRow} carrying its window bounds and pane
 * facts.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class ToWindowRowFn<K, V> extends DoFn<KV<K, V>, WindowRow<K, V>> {
  @ProcessElement
  public void processElement(
      @Element KV<K, V> value, BoundedWindow window, PaneInfo pane, OutputReceiver<WindowRow<K, V>> out) {
    IntervalWindow interval = (IntervalWindow) window;
    out.output(
        WindowRow.of(
            interval.start().getMillis(),
            interval.end().getMillis(),
            value.getKey(),
            value.getValue(),
            PaneFacts.of(pane)));
  }
}
