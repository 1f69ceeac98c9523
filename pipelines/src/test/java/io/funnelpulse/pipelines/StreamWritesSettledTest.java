package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When a Spark stream whose input is complete stops by itself: once the funnel rows written have not
 * changed for the settle time, but never while valid events were counted and no funnel row written.
 */
class StreamWritesSettledTest {
  private static final long SETTLE = TimeUnit.SECONDS.toNanos(12);

  @Test
  void rowsUnchangedForTheSettleTimeAreSettled() {
    StreamingJob.WritesSettled writes = new StreamingJob.WritesSettled(SETTLE);
    assertThat(writes.settled(120, 4_000, 0), is(false));
    assertThat(writes.settled(120, 4_000, SETTLE - 1), is(false));
    assertThat(writes.settled(120, 4_000, SETTLE), is(true));
  }

  @Test
  void rowsThatChangeStartTheSettleTimeAgain() {
    StreamingJob.WritesSettled writes = new StreamingJob.WritesSettled(SETTLE);
    assertThat(writes.settled(40, 4_000, 0), is(false));
    assertThat(writes.settled(120, 4_000, SETTLE), is(false));
    assertThat(writes.settled(120, 4_000, 2 * SETTLE - 1), is(false));
    assertThat(writes.settled(120, 4_000, 2 * SETTLE), is(true));
  }

  @Test
  void noFunnelRowWhileValidEventsWereCountedIsNeverSettled() {
    StreamingJob.WritesSettled writes = new StreamingJob.WritesSettled(SETTLE);
    assertThat(writes.settled(0, 4_000, 0), is(false));
    assertThat(writes.settled(0, 4_000, 10 * SETTLE), is(false));
    assertThat(writes.settled(0, 4_000, 100 * SETTLE), is(false));
    // The final panes arrive: the settle time starts from them.
    assertThat(writes.settled(120, 4_000, 100 * SETTLE + 1), is(false));
    assertThat(writes.settled(120, 4_000, 101 * SETTLE + 1), is(true));
  }

  @Test
  void aStreamWithoutValidEventsSettlesWithNoFunnelRow() {
    StreamingJob.WritesSettled writes = new StreamingJob.WritesSettled(SETTLE);
    assertThat(writes.settled(0, 0, 0), is(false));
    assertThat(writes.settled(0, 0, SETTLE), is(true));
  }
}
