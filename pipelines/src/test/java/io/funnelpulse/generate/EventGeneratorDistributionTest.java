package io.funnelpulse.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distribution facts of the default run (200k events over 2 days) against the REES46 data set. */
class EventGeneratorDistributionTest {

  private static final long EVENTS = 200_000;
  private static List<String> lines;
  private static List<ValidRow> rows;

  @BeforeAll
  static void generate() {
    lines = new ArrayList<>();
    EventGenerator.of(GeneratorOptions.defaults().withEvents(EVENTS)).forEachLine(lines::add);
    rows = new ArrayList<>();
    for (String line : lines) {
      ValidRow.parse(line).ifPresent(rows::add);
    }
  }

  @Test
  void everyLineIsAValidRowAndTheCountIsExact() {
    assertThat((long) lines.size(), is(EVENTS));
    assertThat((long) rows.size(), is(EVENTS));
  }

  @Test
  void aboutFortyTwoPercentOfEventsHaveNoBrandAndBrandsAreLowerCase() {
    assertThat(share(r -> r.brand() == null), both(greaterThan(0.38)).and(lessThan(0.46)));
    List<String> notLowerCase = new ArrayList<>();
    for (ValidRow r : rows) {
      if (r.brand() != null && !r.brand().equals(r.brand().toLowerCase())) {
        notLowerCase.add(r.brand());
      }
    }
    assertThat(notLowerCase, is(empty()));
  }

  @Test
  void categoryCodeIsMostlyMissingButPresentSometimes() {
    assertThat(share(r -> r.categoryCode() == null),
        both(greaterThanOrEqualTo(0.95)).and(lessThan(1.0)));
  }

  @Test
  void missingFieldsAreSometimesWrittenAsQuotedEmptyStrings() {
    long quoted = lines.stream().filter(l -> l.contains("\"\"")).count();
    assertThat(quoted, greaterThan(0L));
    assertThat(quoted, lessThan(EVENTS / 5));
  }

  @Test
  void aboutFivePercentOfRowsDuplicateThePreviousRowMostlyRemovals() {
    Map<String, Long> duplicatesByType = new TreeMap<>();
    long duplicates = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).raw().equals(rows.get(i - 1).raw())) {
        duplicates++;
        duplicatesByType.merge(rows.get(i).eventType(), 1L, Long::sum);
      }
    }
    assertThat(duplicates / (double) EVENTS, both(greaterThan(0.03)).and(lessThan(0.07)));
    double removalDupRate = duplicatesByType.get("remove_from_cart") / (double) count("remove_from_cart");
    double viewDupRate = duplicatesByType.get("view") / (double) count("view");
    assertThat(removalDupRate, greaterThan(0.4));
    assertThat(viewDupRate, lessThan(0.05));
  }

  @Test
  void funnelNarrowsFromViewsToPurchases() {
    double views = count("view") / (double) EVENTS;
    double carts = count("cart") / (double) EVENTS;
    double removals = count("remove_from_cart") / (double) EVENTS;
    double purchases = count("purchase") / (double) EVENTS;
    assertThat(views, both(greaterThan(0.84)).and(lessThan(0.91)));
    assertThat(carts, both(greaterThan(0.05)).and(lessThan(0.09)));
    assertThat(removals, both(greaterThan(0.015)).and(lessThan(0.04)));
    assertThat(purchases, both(greaterThan(0.01)).and(lessThan(0.04)));
    assertThat(views, greaterThan(carts));
    assertThat(carts, greaterThan(purchases));
  }

  @Test
  void trafficPeaksInTheEveningAndIsQuietAtNight() {
    long[] perHour = new long[24];
    for (ValidRow r : rows) {
      perHour[r.hourOfDay()]++;
    }
    int peak = 0;
    int quiet = 0;
    for (int h = 0; h < 24; h++) {
      peak = perHour[h] > perHour[peak] ? h : peak;
      quiet = perHour[h] < perHour[quiet] ? h : quiet;
    }
    assertThat(peak, both(greaterThanOrEqualTo(17)).and(lessThanOrEqualTo(21)));
    assertThat(quiet, both(greaterThanOrEqualTo(2)).and(lessThanOrEqualTo(6)));
    assertThat(perHour[peak] / (double) perHour[quiet], greaterThanOrEqualTo(5.0));
  }

  @Test
  void pricesHaveTwoDecimalsWithRareZeroAndNegativeValues() {
    double zero = share(r -> r.price().equals("0.00"));
    double negative = share(r -> r.price().startsWith("-"));
    assertThat(zero, allOf(greaterThan(0.0), lessThan(0.005)));
    assertThat(negative, allOf(greaterThan(0.0), lessThan(0.005)));
  }

  @Test
  void sessionsAreRarelyMissingAndUsersComeBack() {
    long missing = rows.stream().filter(r -> r.userSession() == null).count();
    assertThat(missing, both(greaterThan(0L)).and(lessThan(EVENTS / 1_000)));
    Set<String> sessions = new HashSet<>();
    Set<String> users = new HashSet<>();
    Set<String> userSessions = new HashSet<>();
    List<String> badIds = new ArrayList<>();
    for (ValidRow r : rows) {
      String[] f = r.raw().split(",", -1);
      if (r.userSession() != null) {
        sessions.add(r.userSession());
        userSessions.add(f[7] + "/" + r.userSession());
      }
      users.add(f[7]);
      if (f[7].length() != 9 || f[3].length() != 19 || f[2].length() < 7 || f[2].length() > 8) {
        badIds.add(r.raw());
      }
    }
    assertThat("user_id 9, category_id 19, product_id 7-8 digits", badIds, is(empty()));
    assertThat("a session belongs to one user", userSessions.size(), is(sessions.size()));
    assertThat("users have several sessions", users.size(), lessThan(sessions.size() / 2));
    assertThat("sessions have several events", sessions.size(), lessThan((int) (EVENTS / 3)));
  }

  @Test
  void withoutDisorderRowsAreInTimeOrder() {
    long backwards = 0;
    for (int i = 1; i < rows.size(); i++) {
      backwards += rows.get(i).epochSecond() < rows.get(i - 1).epochSecond() ? 1 : 0;
    }
    assertThat(backwards, is(0L));
  }

  private static long count(String eventType) {
    return rows.stream().filter(r -> r.eventType().equals(eventType)).count();
  }

  private static double share(Predicate<ValidRow> p) {
    return rows.stream().filter(p).count() / (double) rows.size();
  }
}
