package io.funnelpulse.transforms.sessions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.MetricValues;
import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionVersion;
import io.funnelpulse.model.SessionVersionCoder;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger's state stays bounded in a stream: a bucket lets a session go once its clock (the latest
 * end of a session seen on time) is a horizon past the moment no event could join the session any
 * more, whether the bucket is kept as a map state or as one value. Driven by a TestStream of one
 * bucket's fragments, gathered per bundle as the job sends them.
 */
class SessionLedgerHorizonTest {
  private static final Instant DAY0 = Instant.parse("2019-10-01T00:00:00Z");
  private static final long GAP = Duration.standardMinutes(30).getMillis();
  private static final long LATENESS = Duration.standardHours(3).getMillis();
  private static final long HOUR = Duration.standardHours(1).getMillis();
  private static final long HORIZON = Duration.standardDays(1).getMillis();

  private static SessionFragment fragment(String key, long minuteOfRun, PaneInfo.Timing timing) {
    ClickEvent view = ClickEvent.builder(EventType.VIEW, DAY0.getMillis() + minuteOfRun * 60_000)
        .brand("apple").userId("7").userSession(key).build();
    return new SessionFragment(key, SessionSummary.of(view), timing);
  }

  private static KV<Integer, List<SessionFragment>> bucket(SessionFragment... fragments) {
    return KV.of(0, List.of(fragments));
  }

  /**
   * Session a at 10:00 and b at 12:00 on day 0, a late event of a at 10:20, then c on day 2: by then a
   * and b closed (10:30 and 12:30, plus gap and lateness) more than a day ago, so the bucket lets them go.
   */
  private static TestStream<KV<Integer, List<SessionFragment>>> aDayApart() {
    TestStream.Builder<KV<Integer, List<SessionFragment>>> stream =
        TestStream.create(KvCoder.of(VarIntCoder.of(), ListCoder.of(SessionFragmentCoder.of())));
    return stream
        .addElements(bucket(fragment("a", 10 * 60, PaneInfo.Timing.ON_TIME), fragment("b", 12 * 60, PaneInfo.Timing.ON_TIME)))
        .addElements(bucket(fragment("a", 10 * 60 + 20, PaneInfo.Timing.LATE)))
        .addElements(bucket(fragment("c", 2 * 24 * 60 + 10 * 60, PaneInfo.Timing.ON_TIME)))
        .advanceWatermarkToInfinity();
  }

  /** "key@start minute:events#version" of every version the ledger writes. */
  private static PCollection<String> versions(TestPipeline p, boolean bucketInOneValue) {
    PCollectionTuple ledger = p.apply(aDayApart())
        .apply("Ledger", ParDo.of(new SessionLedgerFn(GAP, LATENESS, HOUR, HORIZON, bucketInOneValue))
            .withOutputTags(SessionLedgerFn.VERSIONS, TupleTagList.of(SessionLedgerFn.DELTAS)));
    ledger.get(SessionLedgerFn.DELTAS).setCoder(KvCoder.of(StringUtf8Coder.of(), SessionFunnelDeltaCoder.of()));
    return ledger.get(SessionLedgerFn.VERSIONS)
        .setCoder(SessionVersionCoder.of())
        .apply("Describe", MapElements.into(TypeDescriptors.strings()).via((SessionVersion v) ->
            v.key() + "@" + (v.summary().startMillis() - DAY0.getMillis()) / 60_000 + ":" + v.summary().events()
                + "#" + v.version()));
  }

  private static long sessionsClosed(PipelineResult result) {
    return MetricValues.counterTotal(result, MetricNames.SESSIONS, MetricNames.SESSIONS_CLOSED);
  }

  /** The most sessions the bucket kept after letting closed ones go. */
  private static long mostKept(PipelineResult result) {
    long most = 0;
    for (MetricResult<DistributionResult> kept : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(MetricNames.SESSIONS, MetricNames.SESSIONS_KEPT)).build()).getDistributions()) {
      most = Math.max(most, MetricValues.settled(kept).getMax());
    }
    return most;
  }

  /** The same with a bucket kept as a map state (Flink, Direct) and as one value (Spark: RunnerWorkarounds #10). */
  @ParameterizedTest(name = "bucket in one value: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(120)
  void aStreamsLedgerLetsSessionsGoAHorizonAfterNoEventCouldJoinThem(boolean bucketInOneValue) {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PAssert.that(versions(p, bucketInOneValue)).containsInAnyOrder("a@600:1#0", "b@720:1#0", "a@600:2#1", "c@3480:1#0");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(sessionsClosed(result), is(2L));
    // a and b kept after the first fragments, c alone once they were let go
    assertThat(mostKept(result), is(2L));
  }
}
