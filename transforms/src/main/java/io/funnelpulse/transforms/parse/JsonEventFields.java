package io.funnelpulse.transforms.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one JSON object with the REES46 field names into the nine column texts, in column order.
 * Numbers keep their exact text (prices are read as big decimals); JSON null, a missing member and an
 * empty string are all missing ({@code null}).
 */
final class JsonEventFields {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonEventFields() {}

  /** Returns the fields, or {@code null} if the text is not a JSON object. */
  static List<String> read(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    List<String> fields = new ArrayList<>(RecordFields.NAMES.length);
    for (String name : RecordFields.NAMES) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull() || value.isContainerNode()) {
        fields.add(null);
      } else {
        String s = value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
        fields.add(s.isEmpty() ? null : s);
      }
    }
    return fields;
  }
}
