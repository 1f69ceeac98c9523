package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/** Which baseline days an expectation rests on. */
class BaselineDaysTest {
  @Test
  void anOutageDayAmongSevenIsLeftOut() {
    assertThat(BaselineDays.kept(new double[] {100, 104, 0, 98, 101, 97, 103}, 10), is(new int[] {0, 1, 3, 4, 5, 6}));
  }

  @Test
  void theOrdinaryUpsAndDownsOfSmallCountsAreAllKept() {
    assertThat(BaselineDays.kept(new double[] {0, 0, 2, 0, 1, 0, 0}, 1), is(new int[] {0, 1, 2, 3, 4, 5, 6}));
  }

  @Test
  void withFewerThanFiveDaysNoneIsLeftOut() {
    assertThat(BaselineDays.kept(new double[] {100, 0, 100, 100}, 10), is(new int[] {0, 1, 2, 3}));
  }
}
