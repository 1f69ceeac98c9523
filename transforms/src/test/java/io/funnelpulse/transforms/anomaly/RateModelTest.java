package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rates on their counts: carts out of views as a conditional binomial with beta-binomial variance. */
class RateModelTest {
  private static final double[] DROP = {0.5};
  private static final double[] SPIKE = {2};
  private static final long[] CARTS = {40, 38, 42, 41, 39, 40, 40};
  private static final long[] VIEWS = {400, 380, 420, 410, 390, 400, 400};

  @Test
  void theUsualShareIsEvidenceAgainstBothShifts() {
    WindowEvidence usual = RateModel.judge(40, 400, CARTS, VIEWS, 0.09, 0, DROP, SPIKE);
    assertThat(usual.expected(), closeTo(0.1, 0.002));
    assertThat(usual.observed(), closeTo(0.1, 1e-12));
    assertThat(usual.dropEvidence(), lessThan(0.0));
    assertThat(usual.spikeEvidence(), lessThan(0.0));
  }

  @Test
  void noCartsWhileViewsGoOnIsADropAndMissingCartsAreCountedAgainstTheViews() {
    WindowEvidence none = RateModel.judge(0, 400, CARTS, VIEWS, 0.09, 0, DROP, SPIKE);
    assertThat(none.dropEvidence(), greaterThan(10.0));
    assertThat(none.expectedAmount(), closeTo(40, 1));
    assertThat(none.observedAmount(), closeTo(0, 0));
  }

  @Test
  void aViewSpikeWithoutCartsIsADropOfTheRate() {
    WindowEvidence spike = RateModel.judge(40, 2000, CARTS, VIEWS, 0.09, 0, DROP, SPIKE);
    assertThat(spike.dropEvidence(), greaterThan(10.0));
  }

  @Test
  void overDispersionIsNearZeroForBinomialSharesAndWeakensTheEvidence() {
    Random random = new Random(3);
    long[][] a = new long[24][7];
    long[][] b = new long[24][7];
    for (int g = 0; g < 24; g++) {
      for (int d = 0; d < 7; d++) {
        long n = 200 + random.nextInt(200);
        long k = 0;
        for (int i = 0; i < n; i++) {
          k += random.nextDouble() < 0.1 ? 1 : 0;
        }
        a[g][d] = k;
        b[g][d] = n - k;
      }
    }
    assertThat(RateModel.overDispersion(a, b), closeTo(0, 0.003));
    double plain = RateModel.judge(10, 400, CARTS, VIEWS, 0.09, 0, DROP, SPIKE).dropEvidence();
    double clustered = RateModel.judge(10, 400, CARTS, VIEWS, 0.09, 0.01, DROP, SPIKE).dropEvidence();
    assertThat(clustered, lessThan(plain / 3));
  }

  @Test
  void aShareNeverSeenBorrowsTheBrandsOverallShare() {
    WindowEvidence e = RateModel.judge(0, 0, new long[7], new long[7], 0.05, 0, DROP, SPIKE);
    assertThat(e.expected(), closeTo(0.05 / 0.95, 1e-12));
    assertThat(e.dropEvidence(), closeTo(0, 0));
  }
}
