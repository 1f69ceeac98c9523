package io.funnelpulse.transforms.sessions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.model.BrandSteps;
import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.SessionFunnelCounts;
import io.funnelpulse.model.SessionFunnelCountsCoder;
import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionSummaryCoder;
import io.funnelpulse.model.SessionVersion;
import io.funnelpulse.model.SessionVersionCoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The session model on its own: steps merge exactly whatever order the parts come in, runs bridge,
 * windows follow the gap rule, and every coder is deterministic and round-trips.
 */
class SessionModelTest {
  private static final long MINUTE = 60_000;
  private static final long GAP = 30 * MINUTE;

  private static SessionSummary event(EventType type, String brand, long minute, long cents) {
    return SessionSummary.of(click(type, brand, minute, cents, "42"));
  }

  private static ClickEvent click(EventType type, String brand, long minute, long cents, String userId) {
    return ClickEvent.builder(type, minute * MINUTE).brand(brand).priceCents(cents)
        .userId(userId).userSession("s").build();
  }

  @Test
  void addingAnEventToASummaryOrToRunsIsMergingTheEventsOwnSummary() {
    SessionSummary session = event(EventType.VIEW, "apple", 10, 0).merge(event(EventType.CART, null, 12, 0));
    for (ClickEvent e : List.of(
        click(EventType.VIEW, "apple", 5, 0, "42"), click(EventType.VIEW, "apple", 15, 0, "42"),
        click(EventType.CART, "apple", 11, 0, "42"), click(EventType.CART, null, 3, 0, "42"),
        click(EventType.CART, null, 20, 0, "41"), click(EventType.PURCHASE, "apple", 13, 1299, "42"),
        click(EventType.REMOVE_FROM_CART, null, 14, 0, "42"), click(EventType.VIEW, "zara", 16, 0, "42"),
        click(EventType.PURCHASE, null, 2, 500, "43"))) {
      assertThat(e.toString(), session.with(e), equalTo(session.merge(SessionSummary.of(e))));
      session = session.with(e);
    }
    assertThat(session.userId(), is("41"));
    SessionRuns runs = SessionRuns.empty();
    SessionRuns expected = SessionRuns.empty();
    for (long minute : new long[] {0, 10, 50, 45, 200, 100, 70, 231, 260}) {
      ClickEvent e = click(EventType.VIEW, "apple", minute, 0, "42");
      runs = runs.with(e, GAP);
      expected = expected.add(SessionSummary.of(e), GAP);
      assertThat("after minute " + minute, runs, equalTo(expected));
    }
    assertThat(runs.runs(), hasSize(4));
  }

  @Test
  void stepsAreTheSameWhicheverOrderThePartsOfASessionMerge() {
    SessionSummary cart = event(EventType.CART, "apple", 10, 500);
    SessionSummary view = event(EventType.VIEW, "apple", 5, 500);
    SessionSummary purchase = event(EventType.PURCHASE, "apple", 20, 500);
    SessionSummary one = cart.merge(view).merge(purchase);
    SessionSummary other = purchase.merge(cart.merge(view));
    assertThat(one, equalTo(other));
    BrandSteps steps = one.steps("apple");
    assertThat(steps.viewed() && steps.carted() && steps.purchased(), is(true));
    assertThat(steps.purchasedWithoutCart(), is(false));
    assertThat(one.startMillis(), is(5 * MINUTE));
    assertThat(one.lastMillis(), is(20 * MINUTE));
    assertThat(one.events(), is(3L));
  }

  @Test
  void partsTouchingDifferentBrandsMergeIntoEveryBrandOnceNoBrandFirstThenInTextOrder() {
    SessionSummary left = event(EventType.VIEW, "zara", 1, 0).merge(event(EventType.VIEW, "apple", 2, 0));
    SessionSummary right = event(EventType.CART, "apple", 3, 0).merge(event(EventType.VIEW, null, 4, 0))
        .merge(event(EventType.VIEW, "moss", 5, 0));
    SessionSummary merged = left.merge(right);
    assertThat(merged.brands(), contains(null, "apple", "moss", "zara"));
    assertThat(merged, equalTo(right.merge(left)));
    assertThat(merged.steps("apple").carted(), is(true));
    assertThat(merged.steps("zara").carted(), is(false));
    assertThat(merged.events(), is(5L));
    NullPointerException missing = assertThrows(NullPointerException.class, () -> merged.steps("bic"));
    assertThat(missing.getMessage(), containsString("no brand bic"));
  }

  @Test
  void aCartOnlyCountsAtOrAfterTheFirstViewAndAPurchaseOnlyAfterTheFirstCountedCart() {
    BrandSteps cartFirst = event(EventType.CART, "b", 1, 0).merge(event(EventType.VIEW, "b", 2, 0))
        .merge(event(EventType.PURCHASE, "b", 3, 700)).steps("b");
    assertThat(cartFirst.viewed(), is(true));
    assertThat(cartFirst.carted(), is(false));
    assertThat(cartFirst.purchased(), is(false));
    assertThat(cartFirst.purchasedWithoutCart(), is(true));
    BrandSteps buyThenCart = event(EventType.VIEW, "b", 1, 0).merge(event(EventType.PURCHASE, "b", 2, 100))
        .merge(event(EventType.CART, "b", 3, 0)).merge(event(EventType.PURCHASE, "b", 4, 100)).steps("b");
    assertThat(buyThenCart.purchased(), is(true));
    assertThat(buyThenCart.purchasedWithoutCart(), is(true));
    assertThat(buyThenCart.revenueCents(), is(200L));
    assertThat(SessionFunnelCounts.ofSession(buyThenCart), equalTo(SessionFunnelCounts.of(1, 1, 1, 1, 1, 200)));
  }

  @Test
  void anEventBetweenTwoRunsWithinTheGapOfBothBridgesThem() {
    SessionRuns runs = SessionRuns.empty()
        .add(event(EventType.VIEW, "a", 0, 0), GAP)
        .add(event(EventType.VIEW, "a", 60, 0), GAP);
    assertThat(runs.runs(), hasSize(2));
    SessionRuns bridged = runs.add(event(EventType.CART, "a", 30, 0), GAP);
    assertThat(bridged.runs(), hasSize(1));
    assertThat(bridged.runs().get(0).events(), is(3L));
    assertThat(runs.add(event(EventType.CART, "a", 31, 0), GAP).runs(), hasSize(2));
  }

  @Test
  void aRunsWindowEndsAMillisecondAfterTheGapSoEventsExactlyTheGapApartMerge() {
    SessionWindows windows = SessionWindows.withGap(Duration.millis(GAP));
    IntervalWindow first = windows.windowOf(event(EventType.VIEW, "a", 0, 0));
    IntervalWindow atGap = windows.windowOf(event(EventType.VIEW, "a", 30, 0));
    IntervalWindow pastGap = windows.windowOf(event(EventType.VIEW, "a", 30, 0).merge(event(EventType.VIEW, "a", 30, 0)));
    assertThat(first.end(), equalTo(new Instant(GAP + 1)));
    assertThat(first.intersects(atGap), is(true));
    assertThat(first.intersects(new IntervalWindow(new Instant(GAP + 1), pastGap.end())), is(false));
  }

  @Test
  void aSummaryRoundTripsWithNoUserUnicodeBrandsManyCartsAndStepsNeverTaken() throws Exception {
    SessionSummary session = SessionSummary.of(click(EventType.CART, "ünïcode", 100_000, 0, null))
        .with(click(EventType.CART, "ünïcode", 99_000, 0, null))
        .with(click(EventType.REMOVE_FROM_CART, null, 98_000, 0, null))
        .with(click(EventType.PURCHASE, "b", 100_500, 123_456_789, null));
    for (int i = 0; i < 40; i++) {
      session = session.with(click(EventType.CART, "ünïcode", 99_500 + i, 0, null));
    }
    CoderProperties.coderDecodeEncodeEqual(SessionSummaryCoder.of(), session);
    CoderProperties.coderDeterministic(SessionSummaryCoder.of(), session, session);
    assertThat(session.userId(), is((String) null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SessionSummaryCoder.of().encode(session, bytes);
    byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
    assertThrows(EOFException.class,
        () -> SessionSummaryCoder.of().decode(new ByteArrayInputStream(truncated)));
  }

  @Test
  void theCodersAreDeterministicAndRoundTrip() throws Exception {
    SessionSummary session = event(EventType.VIEW, "apple", 1, 0).merge(event(EventType.CART, null, 2, 0))
        .merge(event(EventType.PURCHASE, "apple", 3, 1299));
    CoderProperties.coderDeterministic(SessionSummaryCoder.of(), session, session);
    CoderProperties.coderDecodeEncodeEqual(SessionSummaryCoder.of(), session);
    CoderProperties.coderDecodeEncodeEqual(SessionRunsCoder.of(),
        SessionRuns.empty().add(session, GAP).add(event(EventType.VIEW, "x", 300, 0), GAP));
    CoderProperties.coderDecodeEncodeEqual(SessionVersionCoder.of(),
        new SessionVersion("s", session, 3, PaneInfo.Timing.LATE, true));
    CoderProperties.coderDecodeEncodeEqual(SessionFunnelCountsCoder.of(), SessionFunnelCounts.of(-1, 0, 2, 3, -4, -500));
    CoderProperties.coderDecodeEncodeEqual(SessionFragmentCoder.of(),
        new SessionFragment("user:42", session, PaneInfo.Timing.EARLY));
    CoderProperties.coderDecodeEncodeEqual(SessionFunnelDeltaCoder.of(), new SessionFunnelDelta(
        null, 3_600_000, SessionFunnelCounts.of(1, 1, 0, 0, 0, 0), 99, Long.MIN_VALUE, PaneInfo.Timing.ON_TIME));
    assertThat(session.brands(), contains((String) null, "apple"));
  }
}
