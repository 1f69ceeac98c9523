package io.funnelpulse.transforms.funnel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelCountsCoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.junit.jupiter.api.Test;

/** The funnel CombineFn over one-event contributions, in every sharding CombineFnTester tries. */
class FunnelCombineFnTest {

  private static List<FunnelCounts> oneEventCounts() {
    List<FunnelCounts> inputs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      inputs.add(FunnelCounts.ofEvent(EventType.VIEW, 1000 + i));
    }
    for (int i = 0; i < 9; i++) {
      inputs.add(FunnelCounts.ofEvent(EventType.CART, 250));
    }
    for (int i = 0; i < 3; i++) {
      inputs.add(FunnelCounts.ofEvent(EventType.REMOVE_FROM_CART, 250));
    }
    inputs.add(FunnelCounts.ofEvent(EventType.PURCHASE, 10)); // 0.10
    inputs.add(FunnelCounts.ofEvent(EventType.PURCHASE, 20)); // 0.20
    inputs.add(FunnelCounts.ofEvent(EventType.PURCHASE, 77674)); // 776.74
    return inputs;
  }

  @Test
  void sumsOneEventCountsToExactTotalsInAnyShardingAndOrder() {
    CombineFnTester.testCombineFn(
        new FunnelCombineFn(), oneEventCounts(), FunnelCounts.of(40, 9, 3, 3, 77704));
  }

  @Test
  void sumsPreAggregatedCountsAsWellAsSingleEvents() {
    List<FunnelCounts> inputs = new ArrayList<>(List.of(
        FunnelCounts.of(100, 10, 2, 5, 5000),
        FunnelCounts.ofEvent(EventType.PURCHASE, 1),
        FunnelCounts.of(0, 0, 0, 0, 0),
        FunnelCounts.of(1, 1, 1, 1, 99)));
    CombineFnTester.testCombineFn(new FunnelCombineFn(), inputs, FunnelCounts.of(101, 11, 3, 7, 5100));
  }

  @Test
  void noInputGivesZeroTotalsWithNullRates() {
    CombineFnTester.testCombineFn(new FunnelCombineFn(), new ArrayList<>(), FunnelCounts.empty());
    FunnelCounts out = new FunnelCombineFn().apply(List.of());
    assertThat(out, is(FunnelCounts.empty()));
    assertThat(out.viewToCartRate(), is(nullValue()));
    assertThat(out.cartToPurchaseRate(), is(nullValue()));
    assertThat(out.conversionRate(), is(nullValue()));
  }

  @Test
  void addingInputsDoesNotMutateThemAndOutputIsIndependentOfTheAccumulator() {
    FunnelCombineFn fn = new FunnelCombineFn();
    FunnelCounts input = FunnelCounts.ofEvent(EventType.PURCHASE, 262);
    FunnelCounts acc = fn.addInput(fn.createAccumulator(), input);
    acc = fn.addInput(acc, input);
    FunnelCounts out = fn.extractOutput(acc);
    acc.add(EventType.VIEW, 0);
    assertThat(input, is(FunnelCounts.of(0, 0, 0, 1, 262)));
    assertThat(out, is(FunnelCounts.of(0, 0, 0, 2, 524)));
  }

  @Test
  void accumulatorAndOutputUseTheDeterministicFunnelCountsCoder() throws Exception {
    FunnelCombineFn fn = new FunnelCombineFn();
    CoderRegistry registry = CoderRegistry.createDefault();
    assertThat(fn.getAccumulatorCoder(registry, FunnelCountsCoder.of()),
        is(instanceOf(FunnelCountsCoder.class)));
    assertThat(fn.getDefaultOutputCoder(registry, FunnelCountsCoder.of()),
        is(instanceOf(FunnelCountsCoder.class)));
    fn.getAccumulatorCoder(registry, FunnelCountsCoder.of()).verifyDeterministic();
  }
}
