package io.funnelpulse.transforms.visitors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import io.funnelpulse.model.CanonicalHll;
import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.VisitorSketchesCoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link VisitorSketches}: estimates within 3 standard errors of exact counts from 100 to 1M distinct
 * visitors, unions of hourly sketches equal the day's sketch, one byte form whatever the order and
 * partitioning of updates, and the coder and combine fn laws.
 */
class VisitorSketchesTest {
  private static final int LG_K = VisitorSketches.DEFAULT_LG_K;

  /** {@code n} distinct user ids with seeded noise, visited {@code repeat} times each, shuffled. */
  private static List<String> visits(int n, int repeat, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(n * repeat);
    for (int i = 0; i < n; i++) {
      String user = Long.toString(400_000_000L + i * 7L + random.nextInt(7));
      for (int r = 0; r < repeat; r++) {
        out.add(user);
      }
    }
    Collections.shuffle(out, random);
    return out;
  }

  private static VisitorSketches sketchOf(List<String> users, boolean exact) {
    VisitorSketches sketches = VisitorSketches.empty(LG_K, exact);
    for (String user : users) {
      sketches.add(user, "s-" + user);
    }
    return sketches;
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000, 100_000, 1_000_000})
  void estimateIsWithinThreeStandardErrorsOfExact(int distinct) {
    List<String> users = visits(distinct, distinct <= 10_000 ? 3 : 1, 42L + distinct);
    // Built from 16 partial sketches unioned, as the pipeline does.
    List<VisitorSketches> partials = new ArrayList<>();
    for (int p = 0; p < 16; p++) {
      partials.add(VisitorSketches.empty(LG_K, true));
    }
    for (int i = 0; i < users.size(); i++) {
      partials.get(i % 16).add(users.get(i), "s-" + users.get(i));
    }
    VisitorSketches total = VisitorSketches.empty(LG_K, true);
    partials.forEach(total::merge);

    assertThat(total.exactVisitors(), is((long) distinct));
    double bound = 3 * CanonicalHll.relativeStandardError(LG_K) * distinct;
    assertThat(total.visitors(), closeTo(distinct, bound));
    assertThat(total.sessions(), closeTo(distinct, bound));
  }

  @Test
  void smallSetsAreCountedExactly() {
    VisitorSketches sketches = sketchOf(visits(150, 4, 7L), false);
    assertThat(Math.round(sketches.visitors()), is(150L));
    assertThat(sketches.exactVisitors(), is(nullValue()));
  }

  @Test
  void unionOfTwentyFourHourlySketchesEqualsTheSketchOfTheDaysEvents() {
    Random random = new Random(2019L);
    List<List<String>> hours = new ArrayList<>();
    List<String> day = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      List<String> hour = new ArrayList<>();
      int visitorsThisHour = 200 + 150 * h;
      for (int i = 0; i < visitorsThisHour; i++) {
        hour.add("u" + random.nextInt(20_000)); // returning visitors across hours
      }
      hours.add(hour);
      day.addAll(hour);
    }
    VisitorSketches union = VisitorSketches.empty(LG_K, true);
    for (List<String> hour : hours) {
      union.merge(sketchOf(hour, true));
    }
    Collections.shuffle(day, random);
    VisitorSketches daily = sketchOf(day, true);

    assertThat(union.visitorsSketch(), is(daily.visitorsSketch()));
    assertThat(union.visitors(), is(daily.visitors()));
    assertThat(union.exactVisitors(), is(daily.exactVisitors()));
    assertThat(
        Math.abs(union.visitors() - union.exactVisitors()),
        lessThanOrEqualTo(3 * CanonicalHll.relativeStandardError(LG_K) * union.exactVisitors()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 9, 300, 800, 5_000, 50_000})
  void bytesDependOnlyOnTheSetOfVisitorsNotOnOrderOrPartitioning(int distinct) {
    List<String> users = visits(distinct, 2, 11L);
    byte[] expected = sketchOf(users, false).visitorsSketch();
    for (int parts : new int[] {2, 5, 33}) {
      List<String> shuffled = new ArrayList<>(users);
      Collections.shuffle(shuffled, new Random(parts));
      List<VisitorSketches> partials = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        partials.add(VisitorSketches.empty(LG_K, false));
      }
      for (int i = 0; i < shuffled.size(); i++) {
        partials.get(i % parts).add(shuffled.get(i), null);
      }
      Collections.shuffle(partials, new Random(parts + 1));
      VisitorSketches total = VisitorSketches.empty(LG_K, false);
      partials.forEach(total::merge);
      assertThat("bytes with " + parts + " partials", total.visitorsSketch(), is(expected));
    }
    HllSketch restored = HllSketch.heapify(expected);
    assertThat(CanonicalHll.bytes(restored), is(expected));
  }

  @Test
  void unionIsIdempotentSoRunningTotalsCanBeMergedAgain() {
    VisitorSketches hour = sketchOf(visits(3_000, 1, 5L), true);
    VisitorSketches twice = hour.copy().merge(hour).merge(hour.copy());
    assertThat(twice, is(hour));
  }

  @Test
  void mixingLgKIsAnError() {
    VisitorSketches a = VisitorSketches.empty(12, false);
    VisitorSketches b = VisitorSketches.empty(10, false);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> a.merge(b));
  }

  @Test
  void coderRoundTripsWithAndWithoutExactSets() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(VisitorSketchesCoder.of(), sketchOf(visits(2_000, 2, 3L), true));
    CoderProperties.coderDecodeEncodeEqual(VisitorSketchesCoder.of(), sketchOf(visits(20, 1, 3L), false));
    CoderProperties.coderDecodeEncodeEqual(VisitorSketchesCoder.of(), VisitorSketches.empty(LG_K, false));
    CoderProperties.coderDeterministic(
        VisitorSketchesCoder.of(), sketchOf(visits(500, 1, 9L), true), sketchOf(visits(500, 1, 9L), true));
  }

  @Test
  void combineFnUnionsInAnyGrouping() {
    List<VisitorSketches> inputs = new ArrayList<>();
    VisitorSketches expected = VisitorSketches.empty(LG_K, true);
    for (int i = 0; i < 12; i++) {
      VisitorSketches part = sketchOf(visits(100 + 40 * i, 1, i), true);
      inputs.add(part);
      expected.merge(part);
    }
    CombineFnTester.testCombineFn(new VisitorSketchesCombineFn(), inputs, expected);
  }
}
