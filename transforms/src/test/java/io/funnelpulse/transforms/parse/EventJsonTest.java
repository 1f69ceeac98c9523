package io.funnelpulse.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.RawRecord;
import org.junit.jupiter.api.Test;

/** A CSV line and its JSON form parse to the same event; a malformed line stays as it was. */
class EventJsonTest {
  private static EventRecord parse(String text, InputFormat format) {
    return RecordParser.parse(RawRecord.of(text, "test", 1), format).value();
  }

  @Test
  void theJsonFormParsesToTheSameEvent() {
    String csv = "2019-10-01 00:00:05 UTC,cart,5773203,1487580005134238553,\"\",Runail,2.62,463240011,\"a,b\"";
    String json = EventJson.fromCsvLine(csv);
    assertThat(json.startsWith("{"), is(true));
    EventRecord fromCsv = parse(csv, InputFormat.CSV);
    EventRecord fromJson = parse(json, InputFormat.JSON);
    assertThat(fromJson.eventTimeMillis(), is(fromCsv.eventTimeMillis()));
    assertThat(fromJson.brand(), is(fromCsv.brand()));
    assertThat(fromJson.categoryCode(), is(fromCsv.categoryCode()));
    assertThat(fromJson.userSession(), is("a,b"));
    assertThat(fromJson.price(), is(fromCsv.price()));
  }

  @Test
  void aLineThatIsNotARecordStaysAsItWas() {
    assertThat(EventJson.fromCsvLine("not,a,record"), is("not,a,record"));
  }
}
