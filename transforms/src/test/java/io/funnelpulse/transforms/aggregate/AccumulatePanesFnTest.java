package io.funnelpulse.transforms.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Running totals over discarding panes, and what a runner that fires an already-fired window again
 * (an empty on-time pane with index 0 after panes 0..2) gets: nothing, instead of the total written
 * again under an older pane.
 */
class AccumulatePanesFnTest {
  /** In-memory value state for calling the fn directly. */
  private static final class Cell<T> implements ValueState<T> {
    private T value;

    @Override
    public void write(T input) {
      value = input;
    }

    @Override
    public T read() {
      return value;
    }

    @Override
    public ValueState<T> readLater() {
      return this;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  private final AccumulatePanesFn<String, Long> fn = new AccumulatePanesFn<>(Sum.ofLongs(), VarLongCoder.of());
  private final Cell<Long> total = new Cell<>();
  private final Cell<Long> lastPaneIndex = new Cell<>();
  private final List<Long> outputs = new ArrayList<>();
  private final DoFn.OutputReceiver<KV<String, Long>> receiver =
      new DoFn.OutputReceiver<>() {
        @Override
        public void output(KV<String, Long> output) {
          outputs.add(output.getValue());
        }

        @Override
        public void outputWithTimestamp(KV<String, Long> output, Instant timestamp) {
          outputs.add(output.getValue());
        }
      };

  private void pane(long value, Timing timing, long index, boolean last) {
    PaneInfo pane = PaneInfo.createPane(index == 0, last, timing, index, timing == Timing.EARLY ? -1 : 0);
    fn.processElement(KV.of("brand", value), pane, total, lastPaneIndex, receiver);
  }

  @Test
  void eachPaneAddsToTheRunningTotal() {
    pane(4, Timing.EARLY, 0, false);
    pane(0, Timing.ON_TIME, 1, false);
    pane(1, Timing.LATE, 2, false);
    assertThat(outputs, contains(4L, 4L, 5L));
  }

  @Test
  void aPaneFiredAgainWithAnIndexAlreadyTakenIsDropped() {
    pane(4, Timing.EARLY, 0, false);
    pane(0, Timing.ON_TIME, 1, false);
    pane(1, Timing.LATE, 2, false);
    pane(0, Timing.ON_TIME, 0, true);
    pane(0, Timing.ON_TIME, 0, true);
    pane(2, Timing.LATE, 3, false);
    assertThat(outputs, contains(4L, 4L, 5L, 7L));
  }
}
