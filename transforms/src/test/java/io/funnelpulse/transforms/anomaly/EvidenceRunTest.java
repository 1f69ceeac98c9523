package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.AlertStatus;
import org.junit.jupiter.api.Test;

/** The CUSUM of one metric and direction, and the life of the alert it raises. */
class EvidenceRunTest {
  private static final double LEVEL = 10;

  @Test
  void windowsThatAreEachUnremarkableAlertTogetherAndTheAlertIsUpdatedThenClosed() {
    EvidenceRun run = new EvidenceRun();
    assertThat(run.add(100, 4, 2, 10, LEVEL), is(nullValue()));
    assertThat(run.add(200, 4, 3, 10, LEVEL), is(nullValue()));
    EvidenceRun.Step opened = run.add(300, 4, 1, 10, LEVEL);
    assertThat(opened.status(), is(AlertStatus.OPENED));
    assertThat(opened.startMillis(), is(100L));
    assertThat(opened.windows(), is(3));
    assertThat(opened.expectedTotal() - opened.observedTotal(), closeTo(24, 1e-12));
    EvidenceRun.Step updated = run.add(400, 0.5, 8, 10, LEVEL);
    assertThat(updated.status(), is(AlertStatus.UPDATED));
    assertThat(updated.level(), closeTo(12.5, 1e-12));
    assertThat(updated.windows(), is(4));
    EvidenceRun.Step closed = run.add(500, -1, 10, 10, LEVEL);
    assertThat(closed.status(), is(AlertStatus.CLOSED));
    assertThat(closed.startMillis(), is(100L));
    assertThat(closed.windows(), is(4));
    assertThat(run.open(), is(false));
    assertThat(run.level(), is(0.0));
  }

  @Test
  void aRunStartsWhereTheLevelLastLeftZero() {
    EvidenceRun run = new EvidenceRun();
    run.add(100, 3, 0, 1, LEVEL);
    run.add(200, -5, 2, 1, LEVEL);
    assertThat(run.windows(), is(0));
    run.add(300, 6, 0, 1, LEVEL);
    EvidenceRun.Step opened = run.add(400, 6, 0, 1, LEVEL);
    assertThat(opened.startMillis(), is(300L));
    assertThat(opened.windows(), is(2));
  }

  @Test
  void aRunThatDipsButStaysPositiveKeepsItsStart() {
    EvidenceRun run = new EvidenceRun();
    run.add(100, 5, 0, 1, LEVEL);
    run.add(200, -2, 2, 1, LEVEL);
    EvidenceRun.Step opened = run.add(300, 8, 0, 1, LEVEL);
    assertThat(opened.status(), is(AlertStatus.OPENED));
    assertThat(opened.startMillis(), is(100L));
    assertThat(opened.level(), closeTo(11, 1e-12));
  }

  @Test
  void peekingChangesNothing() {
    EvidenceRun run = new EvidenceRun();
    run.add(100, 6, 0, 1, LEVEL);
    assertThat(run.peek(200, 6, 0, 1, LEVEL).status(), is(AlertStatus.OPENED));
    assertThat(run.open(), is(false));
    assertThat(run.level(), is(6.0));
    assertThat(run.windows(), is(1));
  }
}
