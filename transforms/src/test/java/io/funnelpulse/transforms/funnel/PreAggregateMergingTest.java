package io.funnelpulse.transforms.funnel;

import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.expectedTotals;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.generated;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.hourly;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.pipeline;
import static io.funnelpulse.transforms.funnel.RawFunnelFixtures.rawRecords;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.MetricValues;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.parse.InputFormat;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link PreAggregate} merging within a bundle (the default) and sending one partial per event give
 * the same funnel rows; the {@code partials_} counter shows what each sends on to grouping: one per
 * valid event unmerged, fewer merged.
 */
class PreAggregateMergingTest {
  private static final FunnelDimension DIMENSION = FunnelDimension.BRAND;

  @Test
  @Timeout(60)
  void mergedAndUnmergedPartialsGiveTheSameRowsAndDifferentPartialCounts() {
    long validEvents = generated().stream().filter(g -> g.failure() == null).count();
    long unmerged = runAndCountPartials(false);
    long merged = runAndCountPartials(true);
    assertThat(unmerged, is(validEvents));
    assertThat(merged, lessThan(unmerged));
    // at least one partial per window and key; more when the runner splits the input into bundles
    assertThat(merged, greaterThanOrEqualTo((long) expectedTotals(DIMENSION).size()));
  }

  private static long runAndCountPartials(boolean merge) {
    TestPipeline p = pipeline();
    FunnelPartials sums = FunnelPartials.by(DIMENSION);
    PCollection<FunnelRow> rows =
        p.apply(Create.of(rawRecords()).withCoder(RawRecordCoder.of()))
            .apply(PreAggregate.of(InputFormat.AUTO, Duration.standardHours(1)).with(sums).mergingWithinBundle(merge))
            .get(sums.tag())
            .apply(SumFunnel.windowedBy(hourly(Duration.ZERO)));
    TreeMap<String, String> expected = expectedTotals(DIMENSION);
    PAssert.that(rows).satisfies(all -> {
      TreeMap<String, String> actual = new TreeMap<>();
      for (FunnelRow r : all) {
        FunnelCounts c = r.counts();
        actual.put(r.windowStartMillis() + "|" + r.windowEndMillis() + "|" + r.key(),
            c.views() + "/" + c.carts() + "/" + c.removes() + "/" + c.purchases() + "/" + c.revenueCents());
      }
      assertThat(actual, is(expected));
      return null;
    });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return MetricValues.counterTotal(
        result, MetricNames.PREAGGREGATE, MetricNames.PARTIALS_PREFIX + sums.tag().getId());
  }
}
