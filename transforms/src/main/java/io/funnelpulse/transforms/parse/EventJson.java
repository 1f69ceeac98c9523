package io.funnelpulse.transforms.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Turns a REES46 CSV line into the JSON click event with the same field names, as a producer of JSON
 * values would send it: every present field a string, a missing one {@code null}, so parsing the JSON
 * gives exactly the fields the CSV line gives. A line that is not a nine-field CSV record comes back
 * unchanged (it stays as malformed as it was).
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventJson() {}

  /** The JSON object for {@code csvLine}, or the line itself if it is not a nine-field record. */
  public static String fromCsvLine(String csvLine) {
    List<String> fields = CsvFields.split(csvLine);
    if (fields == null || fields.size() != RecordFields.NAMES.length) {
      return csvLine;
    }
    ObjectNode event = MAPPER.createObjectNode();
    for (int i = 0; i < RecordFields.NAMES.length; i++) {
      event.put(RecordFields.NAMES[i], fields.get(i));
    }
    return event.toString();
  }
}
