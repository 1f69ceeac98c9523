package io.funnelpulse.transforms.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A stream's values grouped per key as they arrive, on the Direct runner: what arrives together is one
 * pane per key, stamped with its earliest timestamp; a later arrival is a pane of its own; nothing
 * waits for the end of the global window, and no empty pane comes when the stream ends.
 */
class GroupArrivalsTest {
  private static final Instant START = Instant.parse("2019-10-01T00:00:00Z");

  @Test
  void eachArrivalIsOnePanePerKeyStampedWithItsEarliestValue() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    TestStream<KV<String, Integer>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
            .addElements(
                TimestampedValue.of(KV.of("a", 1), START.plus(3_000)),
                TimestampedValue.of(KV.of("a", 2), START.plus(1_000)),
                TimestampedValue.of(KV.of("b", 10), START.plus(2_000)))
            .advanceWatermarkTo(START.plus(60_000))
            .addElements(TimestampedValue.of(KV.of("a", 3), START.plus(70_000)))
            .advanceWatermarkTo(START.plus(120_000))
            .addElements(TimestampedValue.of(KV.of("a", 4), START.plus(130_000)))
            .advanceProcessingTime(org.joda.time.Duration.standardMinutes(1))
            .advanceWatermarkToInfinity();

    PCollection<String> panes = p.apply(stream)
        .apply(GroupArrivals.perKey())
        .apply(ParDo.of(new DescribePaneFn()));

    PAssert.that(panes).containsInAnyOrder(
        "a [1, 2] at 1000", "b [10] at 2000", "a [3] at 70000", "a [4] at 130000");
    p.run().waitUntilFinish();
  }

  /** "key [sorted values] at millis-since-start" for each pane. */
  private static final class DescribePaneFn extends DoFn<KV<String, Iterable<Integer>>, String> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Integer>> pane, @Timestamp Instant timestamp,
        OutputReceiver<String> out) {
      List<Integer> values = new ArrayList<>();
      pane.getValue().forEach(values::add);
      values.sort(null);
      out.output(pane.getKey() + " " + values + " at " + (timestamp.getMillis() - START.getMillis()));
    }
  }
}
