package io.funnelpulse.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4180 splitting of REES46 lines; missing fields are null, broken quoting is null. */
class CsvFieldsTest {

  private static List<String> fields(String... values) {
    return Arrays.asList(values);
  }

  @Test
  void realRees46LineSplitsIntoNineColumns() {
    List<String> f = CsvFields.split(
        "2019-10-01 00:00:00 UTC,cart,5773203,1487580005134238553,,runail,2.62,463240011,"
            + "26dd6e6e-4dac-4778-8d2c-92e149dab885");
    assertThat(f, contains("2019-10-01 00:00:00 UTC", "cart", "5773203", "1487580005134238553", null,
        "runail", "2.62", "463240011", "26dd6e6e-4dac-4778-8d2c-92e149dab885"));
  }

  @Test
  void quotedFieldMayHoldCommas() {
    assertThat(CsvFields.split("a,\"b,c\",d"), is(fields("a", "b,c", "d")));
  }

  @Test
  void doubledQuotesInsideAQuotedFieldAreOneQuote() {
    assertThat(CsvFields.split("a,\"say \"\"hi\"\"\",b"), is(fields("a", "say \"hi\"", "b")));
    assertThat(CsvFields.split("\"\"\"\""), is(fields("\"")));
  }

  @Test
  void quotedEmptyStringIsMissing() {
    assertThat(CsvFields.split("a,\"\",b"), is(fields("a", null, "b")));
    assertThat(CsvFields.split("\"\",\"\""), is(fields(null, null)));
  }

  @Test
  void emptyFieldIsMissing() {
    assertThat(CsvFields.split("a,,b"), is(fields("a", null, "b")));
    assertThat(CsvFields.split(",a"), is(fields(null, "a")));
  }

  @Test
  void trailingEmptyFieldIsKeptAsMissing() {
    assertThat(CsvFields.split("a,b,"), is(fields("a", "b", null)));
    assertThat(CsvFields.split("a,\"b\","), is(fields("a", "b", null)));
    assertThat(CsvFields.split(","), is(fields(null, null)));
  }

  @Test
  void trailingCarriageReturnOfCrlfLineIsIgnored() {
    assertThat(CsvFields.split("a,b\r"), is(fields("a", "b")));
    assertThat(CsvFields.split("a,b,\r"), is(fields("a", "b", null)));
    assertThat(CsvFields.split("a,\"b\"\r"), is(fields("a", "b")));
  }

  @Test
  void emptyLineIsOneMissingField() {
    List<String> f = CsvFields.split("");
    assertThat(f, hasSize(1));
    assertThat(f.get(0), is(nullValue()));
  }

  @Test
  void spacesAreKeptAsText() {
    assertThat(CsvFields.split(" a , b "), is(fields(" a ", " b ")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "a,\"b",                  // unterminated quote
      "\"abc",                  // unterminated quote at the start
      "a,\"b\"c,d",             // text after a closing quote
      "a,b\"c,d",               // quote inside an unquoted field
      "a,\"b\"\"",              // escaped quote then end of line: still open
      "[{\"event_time\":1}]"    // a JSON array is not CSV
  })
  void unbalancedOrStrayQuotesAreNotWellFormed(String line) {
    assertThat(CsvFields.split(line), is(nullValue()));
  }
}
