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
  void nonsenseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withFalseAlertsPerBrandWeek(0));
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withFactors(1.2, 2));
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withFactors(0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> AnomalyThresholds.defaults().withBaselineDays(3, 4));
  }
}
