package io.funnelpulse.transforms.anomaly;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The alert level follows from the false-alert budget. */
class AnomalyThresholdsTest {
  @Test
  void theAlertLevelIsTheLogOfTheWindowsPerFalseAlertOfOneRun() {
    assertThat(AnomalyThresholds.defaults().alertLevel(), closeTo(Math.log(168 * 12 / 0.05), 1e-12));
    assertThat(AnomalyThresholds.defaults().alertLevel(), closeTo(10.60, 0.005));
    assertThat(AnomalyThresholds.defaults().withFalseAlertsPerBrandWeek(0.005).alertLevel(),
        closeTo(AnomalyThresholds.defaults().alertLevel() + Math.log(10), 1e-12));
    assertThat(AnomalyThresholds.defaults().criticalLevel() - AnomalyThresholds.defaults().alertLevel(),
        closeTo(Math.log(100), 1e-12));
  }

  @Test
  void aMixtureOfShiftsIsTheMeanOfTheirLikelihoodRatios() {
    double mixed = WindowEvidence.mixture(f -> f == 0.5 ? Math.log(2) : Math.log(6), new double[] {0.5, 0.1});
    assertThat(mixed, closeTo(Math.log(4), 1e-12));
    assertThat(WindowEvidence.mixture(f -> -1e6, new double[] {0.5, 0.1}), closeTo(-1e6, 1e-6));
  }

  @Test
  void nonsenseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withFalseAlertsPerBrandWeek(0));
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withFactors(new double[] {1.2}, new double[] {2}));
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withFactors(new double[] {0.5}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withBaselineDays(3, 4));
  }
}
