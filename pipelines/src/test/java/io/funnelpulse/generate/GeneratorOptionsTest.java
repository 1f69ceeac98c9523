package io.funnelpulse.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    GeneratorOptions o = GeneratorOptions.defaults();
    assertThat(o.events(), is(200_000L));
    assertThat(o.days(), is(2));
    assertThat(o.files(), is(1));
    assertThat(o.seed(), is(42L));
    assertThat(o.start(), is(Instant.parse("2019-10-01T00:00:00Z")));
    assertThat(o.gzip(), is(false));
    assertThat(o.outOfOrderFraction(), is(0.0));
    assertThat(o.outOfOrderMaxMinutes(), is(30));
    assertThat(o.malformedFraction(), is(0.0));
  }

  @Test
  void withCopiesLeaveTheOriginalUnchanged() {
    GeneratorOptions base = GeneratorOptions.defaults();
    GeneratorOptions changed = base.withEvents(5).withFiles(3).withGzip(true);
    assertThat(base.events(), is(200_000L));
    assertThat(changed.events(), is(5L));
    assertThat(changed.files(), is(3));
    assertThat(changed.gzip(), is(true));
  }

  @Test
  void fromArgsParsesEveryOptionAndIgnoresOutput() {
    GeneratorOptions o = GeneratorOptions.fromArgs(new String[] {
      "--events=4000000", "--days=30", "--files=8", "--seed=7", "--start=2019-11-01T00:00:00Z",
      "--gzip", "--outOfOrderFraction=0.1", "--outOfOrderMaxMinutes=45",
      "--malformedFraction=0.002", "--output=/tmp/somewhere"});
    assertThat(o.events(), is(4_000_000L));
    assertThat(o.days(), is(30));
    assertThat(o.files(), is(8));
    assertThat(o.seed(), is(7L));
    assertThat(o.start(), is(Instant.parse("2019-11-01T00:00:00Z")));
    assertThat(o.gzip(), is(true));
    assertThat(o.outOfOrderFraction(), is(0.1));
    assertThat(o.outOfOrderMaxMinutes(), is(45));
    assertThat(o.malformedFraction(), is(0.002));
    assertThat(GeneratorOptions.fromArgs(new String[] {"--gzip=false"}).gzip(), is(false));
  }

  @Test
  void fromArgsRejectsUnknownAndBadArgumentsNamingThem() {
    assertThat(reject("--colour=red"), containsString("Unknown option --colour"));
    assertThat(reject("--events=lots"), containsString("events"));
    assertThat(reject("--events"), containsString("events"));
    assertThat(reject("--days=0"), containsString("days"));
    assertThat(reject("--start=yesterday"), containsString("--start"));
    assertThat(reject("--malformedFraction=1.5"), containsString("malformedFraction"));
    assertThat(reject("--gzip=maybe"), containsString("gzip"));
    assertThat(reject("events=3"), containsString("Unexpected argument 'events=3'"));
  }

  private static String reject(String arg) {
    return assertThrows(IllegalArgumentException.class,
        () -> GeneratorOptions.fromArgs(new String[] {arg})).getMessage();
  }
}
