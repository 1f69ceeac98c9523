package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The negative binomial count model: its dispersion estimate, likelihood ratios and expectation. */
class CountModelTest {
  private static final double[] DROP = {0.5};
  private static final double[] SPIKE = {2};
  private static long poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long k = 0;
    while (product > limit) {
      product *= random.nextDouble();
      k++;
    }
    return k;
  }

  private static double[][] groups(Random random, int groups, int days, double mean, double dayFactorSpread) {
    double[][] values = new double[groups][days];
    for (int d = 0; d < days; d++) {
      double factor = 1 + dayFactorSpread * (2 * random.nextDouble() - 1);
      for (int g = 0; g < groups; g++) {
        values[g][d] = poisson(random, mean * factor);
      }
    }
    return values;
  }

  @Test
  void poissonCountsHaveNoOverDispersionAndSwingingDaysHaveSome() {
    assertThat(CountModel.dispersion(groups(new Random(1), 24, 7, 40, 0)), closeTo(0, 0.005));
    // Days swinging uniformly by ±30%: variance of the factor 0.03 is the over-dispersion.
    assertThat(CountModel.dispersion(groups(new Random(2), 24, 7, 400, 0.3)), closeTo(0.03, 0.015));
  }

  @Test
  void aPoissonLikelihoodRatioIsTheClosedForm() {
    double size = Double.POSITIVE_INFINITY;
    assertThat(CountModel.logLikelihoodRatio(0, 20, size, 0.5), closeTo(10, 1e-12));
    assertThat(CountModel.logLikelihoodRatio(7, 3, size, 2), closeTo(7 * Math.log(2) - 3, 1e-12));
    assertThat(CountModel.logLikelihoodRatio(0, 20, 1e9, 0.5), closeTo(10, 1e-6));
  }

  @Test
  void overDispersionWeakensTheEvidenceOfAnEmptyHour() {
    double poisson = CountModel.logLikelihoodRatio(0, 20, Double.POSITIVE_INFINITY, 0.5);
    double bursty = CountModel.logLikelihoodRatio(0, 20, 2.5, 0.5);
    assertThat(bursty, lessThan(poisson / 2));
    assertThat(bursty, greaterThan(0.0));
  }

  @Test
  void theUsualCountIsEvidenceAgainstBothShifts() {
    WindowEvidence usual = CountModel.judge(12, new double[] {11, 13, 12, 12, 11, 13, 12}, 12, 0, DROP, SPIKE);
    assertThat(usual.expected(), closeTo(12, 1e-9));
    assertThat(usual.dropEvidence(), lessThan(0.0));
    assertThat(usual.spikeEvidence(), lessThan(0.0));
    WindowEvidence empty = CountModel.judge(0, new double[] {11, 13, 12, 12, 11, 13, 12}, 12, 0, DROP, SPIKE);
    assertThat(empty.dropEvidence(), greaterThan(5.0));
    assertThat(empty.expectedAmount() - empty.observedAmount(), closeTo(12, 1e-9));
  }

  @Test
  void anHourWithoutEventsInItsHistoryIsNotAShortfallWhenItStaysEmpty() {
    WindowEvidence quiet = CountModel.judge(0, new double[7], 0.01, 0, DROP, SPIKE);
    assertThat(quiet.expected(), closeTo(0.01 / 8, 1e-12));
    assertThat(quiet.dropEvidence(), lessThan(0.001));
  }

  @Test
  void poissonNoiseAtTheAlertLevelOpensFewerAlertsThanTheBudgetAllows() {
    AnomalyThresholds thresholds = AnomalyThresholds.defaults();
    Random random = new Random(7);
    EvidenceRun drop = new EvidenceRun();
    EvidenceRun spike = new EvidenceRun();
    int windows = 200_000;
    int opened = 0;
    for (int w = 0; w < windows; w++) {
      double[] baseline = new double[7];
      for (int d = 0; d < baseline.length; d++) {
        baseline[d] = poisson(random, 8);
      }
      WindowEvidence e = CountModel.judge(poisson(random, 8), baseline, 8, 0, thresholds.dropFactors(),
          thresholds.spikeFactors());
      EvidenceRun.Step down = drop.add(w, e.dropEvidence(), e.observedAmount(), e.expectedAmount(),
          thresholds.alertLevel());
      EvidenceRun.Step up = spike.add(w, e.spikeEvidence(), e.observedAmount(), e.expectedAmount(),
          thresholds.alertLevel());
      opened += (down != null && down.status() == io.funnelpulse.model.AlertStatus.OPENED ? 1 : 0)
          + (up != null && up.status() == io.funnelpulse.model.AlertStatus.OPENED ? 1 : 0);
    }
    // Wald's bound: at most about one false alert per e^level windows and run.
    double allowed = 2 * windows / Math.exp(thresholds.alertLevel());
    assertThat(opened + " alerts", opened <= allowed, is(true));
  }
}
