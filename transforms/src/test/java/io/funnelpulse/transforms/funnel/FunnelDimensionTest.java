package io.funnelpulse.transforms.funnel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import org.junit.jupiter.api.Test;

/** FunnelDimension's keys, tables and columns. */
class FunnelDimensionTest {
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
