package io.funnelpulse.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Event times in the REES46 form and ISO-8601; anything else is INVALID, never an exception. */
class EventTimesTest {

  private static long millis(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' is {1}")
  @CsvSource(delimiter = '|', value = {
      "2019-10-01 00:00:00 UTC   | 2019-10-01T00:00:00Z",
      "2019-11-08 08:14:53 UTC   | 2019-11-08T08:14:53Z",
      "2019-12-31 23:59:59 UTC   | 2019-12-31T23:59:59Z",
      "2020-02-29 12:00:00 UTC   | 2020-02-29T12:00:00Z",
      "1970-01-01 00:00:00 UTC   | 1970-01-01T00:00:00Z",
  })
  void rees46FormIsUtc(String text, String expected) {
    assertThat(EventTimes.parseMillis(text), is(millis(expected)));
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(EventTimes.parseMillis("  2019-10-01 00:00:05 UTC \t"), is(millis("2019-10-01T00:00:05Z")));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' is {1}")
  @CsvSource(delimiter = '|', value = {
      "2019-10-01T00:00:05Z        | 2019-10-01T00:00:05Z",
      "2019-10-01T00:00:05.250Z    | 2019-10-01T00:00:05.250Z",
      "2019-10-01T02:00:05+02:00   | 2019-10-01T00:00:05Z",
      "2019-09-30T19:00:05-05:00   | 2019-10-01T00:00:05Z",
      "2019-10-01T00:00:05         | 2019-10-01T00:00:05Z",
      "2019-10-01 00:00:05         | 2019-10-01T00:00:05Z",
  })
  void isoWithZuluOffsetOrNoOffsetIsAccepted(String text, String expected) {
    assertThat(EventTimes.parseMillis(text), is(millis(expected)));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {
      "2019-13-01 00:00:00 UTC",   // month 13
      "2019-00-01 00:00:00 UTC",   // month 0
      "2019-10-32 00:00:00 UTC",   // day 32
      "2019-02-29 00:00:00 UTC",   // not a leap year
      "2019-10-00 00:00:00 UTC",   // day 0
      "2019-10-01 24:00:00 UTC",   // hour 24
      "2019-10-01 23:60:00 UTC",   // minute 60
      "2019-10-01 23:59:60 UTC",   // second 60
      "2019-13-45 99:00:00 UTC",   // everything out of range
      "2019-1O-01 00:00:00 UTC",   // letter O
      "2019/10/01 00:00:00 UTC",   // wrong separators
      "2019-10-01 00:00:00 CET",   // not UTC, not ISO
      "2019-10-01T25:00:00Z",      // ISO hour 25
      "2019-10-01",                // date only
      "garbage",
      "event_time",                // a header line's first column
      "1569888000",                // epoch seconds are not accepted
  })
  void invalidDatesAndGarbageAreInvalid(String text) {
    assertThat(EventTimes.parseMillis(text), is(EventTimes.INVALID));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void missingTimeIsInvalid(String text) {
    assertThat(EventTimes.parseMillis(text), is(EventTimes.INVALID));
  }
}
