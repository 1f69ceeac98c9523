package io.funnelpulse.transforms.sessions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionVersion;
import io.funnelpulse.model.SessionVersionCoder;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ledger's state stays bounded in a stream: a bucket lets a session go once its clock (the latest
 * end of a session seen on time) is a horizon past the moment no event could join the session any
 * more, and it keeps every session of a bounded input. Driven by a TestStream of fragments of one
 * bucket, one at a time, as the session windows would send them.
 */
class SessionLedgerHorizonTest {
  private static final Instant DAY0 = Instant.parse("2019-10-01T00:00:00Z");
  private static final long GAP = Duration.standardMinutes(30).getMillis();
  private static final long LATENESS = Duration.standardHours(3).getMillis();
  private static final long HOUR = Duration.standardHours(1).getMillis();
  private static final long HORIZON = Duration.standardDays(1).getMillis();

  private static KV<Integer, SessionFragment> fragment(String key, long minuteOfRun, PaneInfo.Timing timing) {
    ClickEvent view = ClickEvent.builder(EventType.VIEW, DAY0.getMillis() + minuteOfRun * 60_000)
        .brand("apple").userId("7").userSession(key).build();
    return KV.of(0, new SessionFragment(key, SessionSummary.of(view), timing));
  }

  /**
   * Session a at 10:00 and b at 12:00 on day 0, a late event of a at 10:20, then c on day 2: by then a
   * and b closed (10:30 and 12:30, plus gap and lateness) more than a day ago, so the bucket lets them go.
   */
  private static TestStream<KV<Integer, SessionFragment>> aDayApart() {
    TestStream.Builder<KV<Integer, SessionFragment>> stream =
        TestStream.create(KvCoder.of(VarIntCoder.of(), SessionFragmentCoder.of()));
    return stream
        .addElements(fragment("a", 10 * 60, PaneInfo.Timing.ON_TIME))
        .addElements(fragment("b", 12 * 60, PaneInfo.Timing.ON_TIME))
        .addElements(fragment("a", 10 * 60 + 20, PaneInfo.Timing.LATE))
        .addElements(fragment("c", 2 * 24 * 60 + 10 * 60, PaneInfo.Timing.ON_TIME))
        .advanceWatermarkToInfinity();
  }

  /** "key@start minute:events#version" of every version the ledger writes. */
  private static PCollection<String> versions(TestPipeline p, long horizon) {
    PCollectionTuple ledger = p.apply(aDayApart())
        .apply("Ledger", ParDo.of(new SessionLedgerFn(GAP, LATENESS, HOUR, horizon))
            .withOutputTags(SessionLedgerFn.VERSIONS, TupleTagList.of(SessionLedgerFn.DELTAS)));
    ledger.get(SessionLedgerFn.DELTAS).setCoder(KvCoder.of(StringUtf8Coder.of(), SessionFunnelDeltaCoder.of()));
    return ledger.get(SessionLedgerFn.VERSIONS)
        .setCoder(SessionVersionCoder.of())
        .apply("Describe", MapElements.into(TypeDescriptors.strings()).via((SessionVersion v) ->
            v.key() + "@" + (v.summary().startMillis() - DAY0.getMillis()) / 60_000 + ":" + v.summary().events()
                + "#" + v.version()));
  }

  private static long sessionsClosed(PipelineResult result) {
    long total = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(MetricNames.SESSIONS, MetricNames.SESSIONS_CLOSED)).build()).getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  @Timeout(120)
  void aStreamsLedgerLetsSessionsGoAHorizonAfterNoEventCouldJoinThem() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PAssert.that(versions(p, HORIZON)).containsInAnyOrder("a@600:1#0", "b@720:1#0", "a@600:2#1", "c@3480:1#0");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(sessionsClosed(result), is(2L));
  }

  @Test
  @Timeout(120)
  void aBoundedInputsLedgerKeepsEverySession() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PAssert.that(versions(p, SessionLedgerFn.KEEP_ALL)).containsInAnyOrder("a@600:1#0", "b@720:1#0", "a@600:2#1", "c@3480:1#0");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(sessionsClosed(result), is(0L));
  }
}
