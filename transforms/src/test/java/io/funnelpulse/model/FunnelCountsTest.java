package io.funnelpulse.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Funnel totals: rates are null on zero denominators and exact otherwise; revenue is exact cents. */
class FunnelCountsTest {

  @Test
  void ratesAreNullWhenThereAreNoViewsAndNoCarts() {
    FunnelCounts empty = FunnelCounts.empty();
    assertThat(empty.viewToCartRate(), is(nullValue()));
    assertThat(empty.cartToPurchaseRate(), is(nullValue()));
    assertThat(empty.conversionRate(), is(nullValue()));
  }

  @Test
  void viewBasedRatesAreNullWhenThereAreCartsAndPurchasesButNoViews() {
    FunnelCounts noViews = FunnelCounts.of(0, 4, 1, 2, 500);
    assertThat(noViews.viewToCartRate(), is(nullValue()));
    assertThat(noViews.conversionRate(), is(nullValue()));
    assertThat(noViews.cartToPurchaseRate(), is(0.5));
  }

  @Test
  void cartToPurchaseIsNullWhenThereAreViewsButNoCarts() {
    FunnelCounts noCarts = FunnelCounts.of(5, 0, 0, 1, 100);
    assertThat(noCarts.cartToPurchaseRate(), is(nullValue()));
    assertThat(noCarts.viewToCartRate(), is(0.0));
    assertThat(noCarts.conversionRate(), is(0.2));
  }

  @Test
  void ratesAreExactQuotientsOtherwise() {
    FunnelCounts counts = FunnelCounts.of(8, 2, 1, 1, 999);
    assertThat(counts.viewToCartRate(), is(0.25));
    assertThat(counts.cartToPurchaseRate(), is(0.5));
    assertThat(counts.conversionRate(), is(0.125));
    FunnelCounts thirds = FunnelCounts.of(3, 1, 0, 1, 1);
    assertThat(thirds.viewToCartRate(), is(1.0 / 3.0));
    assertThat(thirds.conversionRate(), is(1.0 / 3.0));
  }

  @Test
  void revenueOfTenAndTwentyCentsIsExactlyThirtyCents() {
    assertThat("doubles are not exact: the reason revenue is kept in cents", 0.10 + 0.20, is(not(0.30)));
    FunnelCounts total = FunnelCounts.ofEvent(EventType.PURCHASE, 10)
        .merge(FunnelCounts.ofEvent(EventType.PURCHASE, 20));
    assertThat(total.revenueCents(), is(30L));
    assertThat(total.purchases(), is(2L));
  }

  @Test
  void onlyPurchasesAddRevenueAndEachEventTypeCountsOnce() {
    FunnelCounts counts = FunnelCounts.empty()
        .add(EventType.VIEW, 77674)
        .add(EventType.CART, 77674)
        .add(EventType.REMOVE_FROM_CART, 77674)
        .add(EventType.PURCHASE, 77674);
    assertThat(counts, is(FunnelCounts.of(1, 1, 1, 1, 77674)));
  }

  @Test
  void revenueOverflowFailsLoudlyInsteadOfWrapping() {
    FunnelCounts counts = FunnelCounts.ofEvent(EventType.PURCHASE, Long.MAX_VALUE);
    assertThrows(ArithmeticException.class, () -> counts.add(EventType.PURCHASE, 1));
    assertThrows(ArithmeticException.class, () -> counts.copy().merge(counts));
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    FunnelCounts original = FunnelCounts.of(1, 2, 3, 4, 5);
    FunnelCounts copy = original.copy();
    original.add(EventType.VIEW, 0);
    assertThat(copy, is(FunnelCounts.of(1, 2, 3, 4, 5)));
    assertThat(original.views(), is(2L));
  }

  @Test
  void equalTotalsAreEqualWithEqualHashCodes() {
    FunnelCounts a = FunnelCounts.of(1, 2, 3, 4, 5);
    FunnelCounts b = FunnelCounts.empty().merge(FunnelCounts.of(1, 2, 3, 4, 5));
    assertThat(a, is(b));
    assertThat(a.hashCode(), is(b.hashCode()));
    assertThat(a, is(not(FunnelCounts.of(1, 2, 3, 4, 6))));
  }
}
