package io.funnelpulse.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --inject}: specs parse or fail with a clear message, and an injection changes only the rows of
 * its brand, event type and hours (dropped, or written about factor times), leaving the rest as is.
 */
class AnomalyInjectionTest {
  @TempDir Path dir;

  @Test
  void aSpecParsesAndPrintsBack() {
    AnomalyInjection spike = AnomalyInjection.parse("Kosmari:views:2019-10-20T18:3:5");
    assertThat(spike.brand(), is("kosmari"));
    assertThat(spike.metric(), is("views"));
    assertThat(spike.startSecond(), is(java.time.Instant.parse("2019-10-20T18:00:00Z").getEpochSecond()));
    assertThat(spike.hours(), is(3));
    assertThat(spike.toString(), is("kosmari:views:2019-10-20T18:3:5.0"));
    GeneratorOptions options = GeneratorOptions.fromArgs(new String[] {
      "--inject=a:purchases:2019-10-01T10:1:0,b:carts:2019-10-01T11:2:0.5", "--inject=c:removes:2019-10-02T00:1:2"});
    assertThat(options.injections().size(), is(3));
  }

  @Test
  void aMalformedSpecIsAClearErrorAndExitCodeTwo() {
    for (String bad : List.of("a:views:2019-10-20T18:3", "a:clicks:2019-10-20T18:3:5", "a:views:2019-10-20 18:3:5",
        "a:views:2019-10-20T18:0:5", "a:views:2019-10-20T18:3:-1", ":views:2019-10-20T18:3:5",
        "a:views:2019-10-20T18:x:5")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnomalyInjection.parse(bad));
      assertThat(e.getMessage(), containsString("Bad --inject '" + bad + "'"));
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GenerateCommand.run(new String[] {"--output=" + dir, "--inject=a:views"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status, is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("Bad --inject 'a:views'"));
  }

  @Test
  void onlyTheInjectedBrandTypeAndHoursChange() {
    GeneratorOptions base = GeneratorOptions.defaults().withEvents(60_000).withDays(1).withSeed(4L);
    List<String> plain = lines(base);
    String brand = busiestBrand(plain);
    List<String> dropped = lines(base.withInjections(AnomalyInjection.parseAll(brand + ":purchases:2019-10-01T00:24:0")));
    List<String> spiked = lines(base.withInjections(AnomalyInjection.parseAll(brand + ":views:2019-10-01T12:6:3")));
    assertThat(count(plain, brand, "purchase", 0, 24), greaterThan(10L));
    assertThat(count(dropped, brand, "purchase", 0, 24), is(0L));
    long before = count(plain, brand, "view", 12, 18);
    double ratio = count(spiked, brand, "view", 12, 18) / (double) before;
    assertThat(ratio, greaterThan(2.7));
    assertThat(ratio, lessThan(3.3));
    assertThat(count(spiked, brand, "view", 0, 12), is(count(plain, brand, "view", 0, 12)));
  }

  private static List<String> lines(GeneratorOptions options) {
    List<String> lines = new ArrayList<>();
    EventGenerator.of(options).forEachLine(lines::add);
    return lines;
  }

  private static String busiestBrand(List<String> lines) {
    java.util.Map<String, Long> views = new java.util.TreeMap<>();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      if (!f[5].isEmpty() && !f[5].equals("\"\"")) {
        views.merge(f[5], 1L, Long::sum);
      }
    }
    return views.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).get().getKey();
  }

  private static long count(List<String> lines, String brand, String type, int fromHour, int toHour) {
    return lines.stream().map(l -> l.split(",", -1))
        .filter(f -> f[5].equals(brand) && f[1].equals(type))
        .filter(f -> {
          int hour = Integer.parseInt(f[0].substring(11, 13));
          return hour >= fromHour && hour < toHour;
        })
        .count();
  }
}
