package io.funnelpulse.transforms.funnel;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.FunnelRowCoder;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * The funnel over sliding windows from the funnel partials of {@link FunnelPartials} (each timestamped
 * with the start of its fixed window). A stream runs {@link SumFunnel} in the sliding windowing, with
 * its early, on-time and late panes. Bounded input has every partial at once, so each key's partials
 * are grouped once and each sliding window is summed from the fixed-window sums it holds: a partial is
 * shuffled once instead of once per sliding window that holds it (24 times for a day sliding by the
 * hour). The rows are the same: a bounded run fires each window once, on time and final.
 *
 * <pre>{@code
 * PCollection<FunnelRow> sliding = partials.get(brandSums.tag()).apply("SumSlidingConversion",
 *     SumSlidingFunnel.windowedBy(WindowByEventTime.<KV<String, FunnelCounts>>of(Duration.standardHours(24))
 *         .slidingEvery(Duration.standardHours(1))));
 * }</pre>
 */
public final class SumSlidingFunnel
    extends PTransform<PCollection<KV<String, FunnelCounts>>, PCollection<FunnelRow>> {

  private final WindowByEventTime<KV<String, FunnelCounts>> windowing;

  private SumSlidingFunnel(WindowByEventTime<KV<String, FunnelCounts>> windowing) {
    this.windowing = windowing;
  }

  /** Sums partial sums in the (sliding) windows of {@code windowing}. */
  public static SumSlidingFunnel windowedBy(WindowByEventTime<KV<String, FunnelCounts>> windowing) {
    return new SumSlidingFunnel(windowing);
  }

  @Override
  public PCollection<FunnelRow> expand(PCollection<KV<String, FunnelCounts>> partials) {
    if (partials.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      return partials.apply("SumInSlidingWindows", SumFunnel.windowedBy(windowing));
    }
    Coder<String> keyCoder = ((KvCoder<String, FunnelCounts>) partials.getCoder()).getKeyCoder();
    return partials
        .apply("KeyPartialsByStart", ParDo.of(new KeyByStartFn()))
        .setCoder(KvCoder.of(keyCoder, KvCoder.of(VarLongCoder.of(), FunnelCountsCoder.of())))
        .apply("IntoGlobalWindow", Window.into(new GlobalWindows()))
        .apply("GroupPartialsPerKey", GroupByKey.create())
        .apply("SumSlidingWindows",
            ParDo.of(new SlideFn(windowing.size().getMillis(), windowing.period().getMillis())))
        .setCoder(FunnelRowCoder.of());
  }

  /** Pairs a partial with the start of its fixed window (its timestamp). */
  static final class KeyByStartFn extends DoFn<KV<String, FunnelCounts>, KV<String, KV<Long, FunnelCounts>>> {
    @ProcessElement
    public void processElement(
        @Element KV<String, FunnelCounts> partial,
        @Timestamp Instant start,
        OutputReceiver<KV<String, KV<Long, FunnelCounts>>> out) {
      out.output(KV.of(partial.getKey(), KV.of(start.getMillis(), partial.getValue())));
    }
  }

  /**
   * A key's rows of every sliding window holding one of its partials: the partials summed per fixed
   * window start, then each window (a start on a multiple of the period, {@code sizeMillis} long, as
   * {@code SlidingWindows} assigns them) summed from the starts it holds.
   */
  static final class SlideFn extends DoFn<KV<String, Iterable<KV<Long, FunnelCounts>>>, FunnelRow> {
    private final long sizeMillis;
    private final long periodMillis;

    SlideFn(long sizeMillis, long periodMillis) {
      this.sizeMillis = sizeMillis;
      this.periodMillis = periodMillis;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<KV<Long, FunnelCounts>>> partials, OutputReceiver<FunnelRow> out) {
      NavigableMap<Long, FunnelCounts> byStart = new TreeMap<>();
      TreeSet<Long> windowStarts = new TreeSet<>();
      for (KV<Long, FunnelCounts> partial : partials.getValue()) {
        long start = partial.getKey();
        FunnelCounts sum = byStart.get(start);
        if (sum == null) {
          byStart.put(start, partial.getValue().copy());
          long last = start - Math.floorMod(start, periodMillis);
          for (long windowStart = last; windowStart > start - sizeMillis; windowStart -= periodMillis) {
            windowStarts.add(windowStart);
          }
        } else {
          sum.merge(partial.getValue());
        }
      }
      PaneFacts onlyPane = PaneFacts.of(PaneInfo.Timing.ON_TIME, 0, true);
      for (long windowStart : windowStarts) {
        FunnelCounts total = FunnelCounts.empty();
        for (Map.Entry<Long, FunnelCounts> held : byStart.subMap(windowStart, true, windowStart + sizeMillis, false).entrySet()) {
          total.merge(held.getValue());
        }
        out.output(FunnelRow.of(windowStart, windowStart + sizeMillis, partials.getKey(), total, onlyPane));
      }
    }
  }
}
