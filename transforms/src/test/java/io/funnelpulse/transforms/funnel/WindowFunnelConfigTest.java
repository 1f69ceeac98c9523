package io.funnelpulse.transforms.funnel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/** WindowFunnel's configuration and FunnelDimension's keys, without a pipeline. */
class WindowFunnelConfigTest {

  @Test
  void defaultsAreTwoHoursLatenessAndNoEarlyFirings() {
    WindowFunnel<ClickEvent> w = WindowFunnel.of(Duration.standardHours(1));
    assertThat(w.size(), is(Duration.standardHours(1)));
    assertThat(w.allowedLateness(), is(Duration.standardHours(2)));
    assertThat(w.earlyFiringDelay(), is(Duration.ZERO));
    assertThat(w.trigger(), is(instanceOf(AfterWatermark.AfterWatermarkEarlyAndLate.class)));
  }

  @Test
  void withCopiesLeaveTheOriginalUnchanged() {
    WindowFunnel<ClickEvent> base = WindowFunnel.of(Duration.standardMinutes(10));
    WindowFunnel<ClickEvent> tuned = base.withAllowedLateness(Duration.ZERO)
        .withEarlyFiringDelay(Duration.standardSeconds(30));
    assertThat(tuned.allowedLateness(), is(Duration.ZERO));
    assertThat(tuned.earlyFiringDelay(), is(Duration.standardSeconds(30)));
    assertThat(tuned.size(), is(Duration.standardMinutes(10)));
    assertThat(base.allowedLateness(), is(WindowFunnel.DEFAULT_ALLOWED_LATENESS));
    assertThat(base.earlyFiringDelay(), is(WindowFunnel.NO_EARLY_FIRINGS));
  }

  @Test
  void earlyFiringsAppearInTheTriggerOnlyWithAPositiveDelay() {
    String without = WindowFunnel.of(Duration.standardHours(1)).trigger().toString();
    String with = WindowFunnel.of(Duration.standardHours(1))
        .withEarlyFiringDelay(Duration.standardSeconds(30)).trigger().toString();
    assertThat(without.contains("withEarlyFirings"), is(false));
    assertThat(without.contains("withLateFirings"), is(true));
    assertThat(with.contains("withEarlyFirings"), is(true));
  }

  @Test
  void nonPositiveSizeAndNegativeDurationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> WindowFunnel.of(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> WindowFunnel.of(Duration.millis(-1)));
    WindowFunnel<ClickEvent> w = WindowFunnel.of(Duration.standardHours(1));
    assertThrows(IllegalArgumentException.class, () -> w.withAllowedLateness(Duration.millis(-1)));
    assertThrows(IllegalArgumentException.class, () -> w.withEarlyFiringDelay(Duration.millis(-1)));
    assertThrows(NullPointerException.class, () -> w.withAllowedLateness(null));
  }

  @Test
  void dimensionsKeyByBrandCategoryOrNothingAndNameTheirTables() {
    ClickEvent e = ClickEvent.builder(EventType.VIEW, 0).brand("apple")
        .categoryCode("electronics.smartphone").priceCents(1).build();
    ClickEvent missing = ClickEvent.builder(EventType.VIEW, 0).priceCents(1).build();
    assertThat(FunnelDimension.BRAND.keyOf(e), is("apple"));
    assertThat(FunnelDimension.CATEGORY.keyOf(e), is("electronics.smartphone"));
    assertThat(FunnelDimension.NONE.keyOf(e), is(nullValue()));
    assertThat(FunnelDimension.BRAND.keyOf(missing), is(nullValue()));
    assertThat(FunnelDimension.CATEGORY.keyOf(missing), is(nullValue()));
    assertThat(FunnelDimension.BRAND.tableName(), is("funnel_hourly_brand"));
    assertThat(FunnelDimension.CATEGORY.tableName(), is("funnel_hourly_category"));
    assertThat(FunnelDimension.NONE.tableName(), is("funnel_hourly"));
    assertThat(FunnelDimension.CATEGORY.column(), is("category_code"));
    assertThat(FunnelDimension.NONE.column(), is(nullValue()));
  }
}
