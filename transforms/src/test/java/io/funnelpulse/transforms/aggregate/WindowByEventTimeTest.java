package io.funnelpulse.transforms.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.model.ClickEvent;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/** WindowByEventTime's configuration, without a pipeline. */
class WindowByEventTimeTest {

  @Test
  void defaultsAreTwoHoursLatenessAndNoEarlyFirings() {
    WindowByEventTime<ClickEvent> w = WindowByEventTime.of(Duration.standardHours(1));
    assertThat(w.size(), is(Duration.standardHours(1)));
    assertThat(w.allowedLateness(), is(Duration.standardHours(2)));
    assertThat(w.earlyFiringDelay(), is(Duration.ZERO));
    assertThat(w.trigger(), is(instanceOf(AfterWatermark.AfterWatermarkEarlyAndLate.class)));
  }

  @Test
  void withCopiesLeaveTheOriginalUnchanged() {
    WindowByEventTime<ClickEvent> base = WindowByEventTime.of(Duration.standardMinutes(10));
    WindowByEventTime<ClickEvent> tuned = base.withAllowedLateness(Duration.ZERO)
        .withEarlyFiringDelay(Duration.standardSeconds(30));
    assertThat(tuned.allowedLateness(), is(Duration.ZERO));
    assertThat(tuned.earlyFiringDelay(), is(Duration.standardSeconds(30)));
    assertThat(tuned.size(), is(Duration.standardMinutes(10)));
    assertThat(base.allowedLateness(), is(WindowByEventTime.DEFAULT_ALLOWED_LATENESS));
    assertThat(base.earlyFiringDelay(), is(WindowByEventTime.NO_EARLY_FIRINGS));
  }

  @Test
  void earlyFiringsAppearInTheTriggerOnlyWithAPositiveDelay() {
    String without = WindowByEventTime.of(Duration.standardHours(1)).trigger().toString();
    String with = WindowByEventTime.of(Duration.standardHours(1))
        .withEarlyFiringDelay(Duration.standardSeconds(30)).trigger().toString();
    assertThat(without.contains("withEarlyFirings"), is(false));
    assertThat(without.contains("withLateFirings"), is(true));
    assertThat(with.contains("withEarlyFirings"), is(true));
  }

  @Test
  void nonPositiveSizeAndNegativeDurationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> WindowByEventTime.of(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> WindowByEventTime.of(Duration.millis(-1)));
    WindowByEventTime<ClickEvent> w = WindowByEventTime.of(Duration.standardHours(1));
    assertThrows(IllegalArgumentException.class, () -> w.withAllowedLateness(Duration.millis(-1)));
    assertThrows(IllegalArgumentException.class, () -> w.withEarlyFiringDelay(Duration.millis(-1)));
    assertThrows(NullPointerException.class, () -> w.withAllowedLateness(null));
  }
}
