package io.funnelpulse.transforms.clean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact price text to cents. */
class PricesTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' is {1} cents")
  @CsvSource(delimiter = '|', value = {
      "2.62      | 262",
      "2.6       | 260",
      "3         | 300",
      "-1.50     | -150",
      "0.00      | 0",
      "-0.00     | 0",
      "1e2       | 10000",
      "776.74    | 77674",
      "2574.07   | 257407",
      "0.10      | 10",
      "0.20      | 20",
      ".5        | 50",
      "5.        | 500",
      "+4.99     | 499",
      "2.625     | 263",
      "2.624     | 262",
      "0.005     | 1",
      "1.5E1     | 1500",
      "123456789012345.67 | 12345678901234567",
      "1234567890123456.78 | 123456789012345678",
  })
  void decimalTextIsExactCents(String text, long cents) {
    assertThat(Prices.toCents(text), is(cents));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' is trimmed")
  @ValueSource(strings = {" 2.62", "2.62 ", "\t2.62\t"})
  void surroundingWhitespaceIsIgnored(String text) {
    assertThat(Prices.toCents(text), is(262L));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"abc", "", " ", "-", "+", ".", "1,50", "1.2.3", "$5", "5 EUR", "NaN",
      "Infinity", "1e30", "0x10", "--1"})
  void nonNumbersAndOutOfRangeAreInvalid(String text) {
    assertThat(Prices.toCents(text), is(Prices.INVALID));
  }
}
