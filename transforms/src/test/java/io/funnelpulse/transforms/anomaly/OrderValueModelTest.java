package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Revenue given purchases: log-normal order values judged with a Student-t on the log mean. */
class OrderValueModelTest {
  private static final double[] DROP = {0.5};
  private static final double[] SPIKE = {2};
  private static OrderValueModel learned() {
    Random random = new Random(11);
    long[] revenue = new long[168];
    long[] purchases = new long[168];
    for (int w = 0; w < revenue.length; w++) {
      purchases[w] = 1 + random.nextInt(6);
      for (int p = 0; p < purchases[w]; p++) {
        revenue[w] += Math.round(2000 * Math.exp(0.8 * random.nextGaussian()));
      }
    }
    return OrderValueModel.learn(revenue, purchases);
  }

  @Test
  void learnsTheUsualOrderValueAndTheSpreadOfItsLog() {
    OrderValueModel model = learned();
    assertThat(model.meanValueCents(), closeTo(2000 * Math.exp(0.32), 300));
    assertThat(model.logVariance(), closeTo(0.64, 0.25));
  }

  @Test
  void usualRevenueIsEvidenceAgainstBothShifts() {
    WindowEvidence usual = learned().judge(5 * 2700, 5, DROP, SPIKE);
    assertThat(usual.dropEvidence(), lessThan(0.0));
    assertThat(usual.spikeEvidence(), lessThan(0.0));
    assertThat(usual.expected(), closeTo(5 * learned().meanValueCents() / 100, 1e-9));
  }

  @Test
  void oneExpensiveOrderCountsForLittleButOrderValuesAtATenthOverManyPurchasesAreStrongEvidence() {
    OrderValueModel model = learned();
    WindowEvidence expensive = model.judge(60_000, 1, DROP, SPIKE);
    assertThat(expensive.spikeEvidence(), lessThan(3.0));
    WindowEvidence glitch = model.judge(40 * 270, 40, DROP, SPIKE);
    assertThat(glitch.dropEvidence(), greaterThan(10.0));
  }

  @Test
  void aWindowWithoutPurchasesCarriesNoEvidence() {
    WindowEvidence none = learned().judge(0, 0, DROP, SPIKE);
    assertThat(none.dropEvidence(), closeTo(0, 0));
    assertThat(none.spikeEvidence(), closeTo(0, 0));
  }
}
