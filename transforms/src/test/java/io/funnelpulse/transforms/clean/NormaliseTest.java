package io.funnelpulse.transforms.clean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Brand to lower case, category code sanitised; blank is missing. */
class NormaliseTest {

  @ParameterizedTest(name = "[{index}] brand ''{0}'' is ''{1}''")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "Apple |apple",
      "apple|apple",
      "  SAMSUNG  |samsung",
      "Runail|runail",
      "Dr. Oetker|dr. oetker",
  })
  void brandIsTrimmedAndLowerCase(String raw, String expected) {
    assertThat(Normalise.brand(raw), is(expected));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t \t"})
  void blankOrMissingBrandIsNull(String raw) {
    assertThat(Normalise.brand(raw), is(nullValue()));
  }

  @Test
  void brandLowerCasingDoesNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(Normalise.brand("TITAN"), is("titan"));
      assertThat(Normalise.categoryCode("KIDS.TOYS"), is("kids.toys"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @ParameterizedTest(name = "[{index}] category ''{0}'' is ''{1}''")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "Electronics.Smart Phone!|electronics.smart_phone_",
      "electronics.smartphone|electronics.smartphone",
      "appliances.kitchen.refrigerators|appliances.kitchen.refrigerators",
      " computers.notebook |computers.notebook",
      "apparel.shoes-sport|apparel.shoes_sport",
      "Électronique.tv4k|_lectronique.tv4k",
      "a/b\\c|a_b_c",
  })
  void categoryCodeIsLowerCaseWithOtherCharactersReplaced(String raw, String expected) {
    assertThat(Normalise.categoryCode(raw), is(expected));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t"})
  void blankOrMissingCategoryCodeIsNull(String raw) {
    assertThat(Normalise.categoryCode(raw), is(nullValue()));
  }
}
