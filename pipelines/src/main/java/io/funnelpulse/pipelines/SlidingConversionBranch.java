package io.funnelpulse.pipelines;

import io.funnelpulse.io.WriteFunnelTable;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.transforms.funnel.SumSlidingFunnel;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The brand funnel over sliding windows ({@code conversion_sliding_brand}): the same brand partials
 * as the hourly funnel, windowed by {@code --slidingConversionHours} starting every {@code
 * --slidingPeriodMinutes}, summed and written like the funnel, for trend lines an hour is too noisy
 * for. Exact because a sliding window starts on a fixed window's start and holds whole fixed windows.
 */
final class SlidingConversionBranch {
  private SlidingConversionBranch() {}

  /** Whether the options ask for the table ({@code --slidingConversionHours} above 0). */
  static boolean enabled(FunnelPulseOptions options) {
    return options.getSlidingConversionHours() > 0;
  }

  /** The sliding windowing of the options, or an error naming the option that does not fit. */
  static WindowByEventTime<KV<String, FunnelCounts>> windowing(FunnelPulseOptions options) {
    long hours = options.getSlidingConversionHours();
    long period = options.getSlidingPeriodMinutes();
    long window = options.getWindowSizeMinutes();
    if (period <= 0 || period % window != 0 || (hours * 60) % period != 0) {
      throw new IllegalArgumentException("--slidingPeriodMinutes=" + period + " must be a multiple of "
          + "--windowSizeMinutes=" + window + " that divides --slidingConversionHours=" + hours + " (in minutes)");
    }
    return FunnelPipeline.<KV<String, FunnelCounts>>windowing(options, Duration.standardHours(hours))
        .slidingEvery(Duration.standardMinutes(period));
  }

  /** Sums {@code brandPartials} (funnel partials keyed by brand) per sliding window and writes them. */
  static void addTo(PCollection<KV<String, FunnelCounts>> brandPartials, FunnelPulseOptions options) {
    brandPartials
        .apply("SumSlidingConversion", SumSlidingFunnel.windowedBy(windowing(options)))
        .apply(
            "WriteSlidingConversion",
            WriteFunnelTable.to(options.getOutput())
                .forDimension(FunnelDimension.BRAND)
                .named(TableNames.CONVERSION_SLIDING_BRAND)
                .withRowGroupMegabytes(options.getParquetRowGroupMegabytes()));
  }
}
