package io.funnelpulse.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.transforms.runner.RunnerWorkarounds;
import java.util.List;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StateTags;
import org.apache.beam.runners.spark.stateful.SparkStateInternals;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateContexts;
import org.junit.jupiter.api.Test;

/**
 * The map state of the Spark runner's streaming mode (state kept as encoded bytes): once emptied by
 * removals it is read back as an immutable empty map and refuses the next {@code put}, and its {@code
 * isEmpty()} says false. {@link RunnerWorkarounds#removeFromMapState} clears it instead, so the state
 * takes new entries again (RunnerWorkarounds #9).
 */
class MapStateOnSparkTest {
  private static MapState<Long, Long> mapState() {
    return SparkStateInternals.forKey("a brand").state(StateNamespaces.global(),
        StateTags.map("totals", VarLongCoder.of(), VarLongCoder.of()), StateContexts.nullContext());
  }

  @Test
  void anEmptiedMapStateRefusesTheNextPutUnlessTheRemovalClearedIt() {
    MapState<Long, Long> plain = mapState();
    plain.put(1L, 10L);
    plain.remove(1L);
    assertThat(plain.isEmpty().read(), is(false));
    assertThrows(UnsupportedOperationException.class, () -> plain.put(2L, 20L));

    MapState<Long, Long> cleared = mapState();
    cleared.put(1L, 10L);
    cleared.put(3L, 30L);
    RunnerWorkarounds.removeFromMapState(cleared, List.of(1L));
    assertThat(cleared.get(3L).read(), is(30L));
    RunnerWorkarounds.removeFromMapState(cleared, List.of(3L));
    cleared.put(2L, 20L);
    assertThat(cleared.get(2L).read(), is(20L));
  }
}
