package io.funnelpulse.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Every model coder round-trips its values (null optional fields included) and is deterministic. */
class ModelCodersTest {
  private static final RawRecord RAW =
      RawRecord.of("2019-10-01 00:00:00 UTC,cart,5773203,1487580005134238553,,runail,2.62,463240011,s1",
          "2019-Oct.csv", 2);
  private static final RawRecord RAW_UNICODE = RawRecord.of("{\"brand\":\"Ünïcødé ✓\"}", "topic/3", 1L << 40);

  private static EventRecord fullEventRecord() {
    return EventRecord.builder(RAW, 1569888000000L)
        .eventType("cart").productId("5773203").categoryId("1487580005134238553")
        .categoryCode("appliances.kitchen").brand("runail").price("2.62").userId("463240011")
        .userSession("26dd6e6e-4dac-4778-8d2c-92e149dab885").build();
  }

  private static EventRecord sparseEventRecord() {
    return EventRecord.builder(RAW_UNICODE, -1L).build();
  }

  private static ClickEvent fullClickEvent(EventType type) {
    return ClickEvent.builder(type, 1569888000000L)
        .productId("5773203").categoryId("1487580005134238553").categoryCode("appliances.kitchen")
        .brand("runail").priceCents(262).userId("463240011").userSession("s1").build();
  }

  private static ClickEvent sparseClickEvent() {
    return ClickEvent.builder(EventType.VIEW, 0L).priceCents(1).build();
  }

  private static <T> void assertRoundTripsAndDeterministic(Coder<T> coder, List<T> values)
      throws Exception {
    coder.verifyDeterministic();
    CoderProperties.coderSerializable(coder);
    for (T value : values) {
      CoderProperties.coderDecodeEncodeEqual(coder, value);
      CoderProperties.coderDecodeEncodeEqualInContext(coder, Coder.Context.NESTED, value);
      CoderProperties.coderDeterministic(coder, value, value);
      CoderProperties.structuralValueDecodeEncodeEqual(coder, value);
    }
  }

  @Test
  void rawRecordCoderRoundTripsPlainAndUnicodeRecords() throws Exception {
    assertRoundTripsAndDeterministic(RawRecordCoder.of(),
        List.of(RAW, RAW_UNICODE, RawRecord.of("", "", 0), RawRecord.of("x", "f", -5)));
    CoderProperties.coderDeterministic(
        RawRecordCoder.of(), RawRecord.of("a,b", "f.csv", 7), RawRecord.of("a,b", "f.csv", 7));
  }

  @Test
  void eventRecordCoderRoundTripsFullAndAllNullOptionalFields() throws Exception {
    assertRoundTripsAndDeterministic(
        EventRecordCoder.of(), List.of(fullEventRecord(), sparseEventRecord()));
    EventRecord decoded = CoderUtils.clone(EventRecordCoder.of(), sparseEventRecord());
    assertThat(decoded.eventType(), is(nullValue()));
    assertThat(decoded.brand(), is(nullValue()));
    assertThat(decoded.price(), is(nullValue()));
    assertThat(decoded.userSession(), is(nullValue()));
    assertThat(decoded.raw(), is(RAW_UNICODE));
    CoderProperties.coderDeterministic(EventRecordCoder.of(), fullEventRecord(), fullEventRecord());
  }

  @Test
  void clickEventCoderRoundTripsEveryEventTypeAndMissingDimensions() throws Exception {
    List<ClickEvent> values = new ArrayList<>();
    for (EventType type : EventType.values()) {
      values.add(fullClickEvent(type));
    }
    values.add(sparseClickEvent());
    assertRoundTripsAndDeterministic(ClickEventCoder.of(), values);
    ClickEvent decoded = CoderUtils.clone(ClickEventCoder.of(), sparseClickEvent());
    assertThat(decoded.missingBrand(), is(true));
    assertThat(decoded.missingCategory(), is(true));
    assertThat(decoded.missingSession(), is(true));
    assertThat(decoded.productId(), is(nullValue()));
    CoderProperties.coderDeterministic(
        ClickEventCoder.of(), fullClickEvent(EventType.PURCHASE), fullClickEvent(EventType.PURCHASE));
  }

  @Test
  void failedRecordCoderRoundTripsEveryReason() throws Exception {
    List<FailedRecord> values = new ArrayList<>();
    for (FailureReason reason : FailureReason.values()) {
      values.add(FailedRecord.of(RAW, reason, reason.description()));
    }
    values.add(FailedRecord.of(RAW_UNICODE, FailureReason.MALFORMED_LINE, ""));
    assertRoundTripsAndDeterministic(FailedRecordCoder.of(), values);
    CoderProperties.coderDeterministic(FailedRecordCoder.of(),
        FailedRecord.of(RAW, FailureReason.BAD_PRICE, "price 'abc'"),
        FailedRecord.of(RAW, FailureReason.BAD_PRICE, "price 'abc'"));
  }

  @Test
  void funnelCountsCoderRoundTripsAndIsConsistentWithEquals() throws Exception {
    FunnelCounts small = FunnelCounts.of(3, 2, 1, 1, 1999);
    FunnelCounts huge = FunnelCounts.of(Long.MAX_VALUE, 0, 0, 1, Long.MAX_VALUE);
    assertRoundTripsAndDeterministic(
        FunnelCountsCoder.of(), List.of(FunnelCounts.empty(), small, huge));
    assertThat(FunnelCountsCoder.of().consistentWithEquals(), is(true));
    CoderProperties.coderConsistentWithEquals(
        FunnelCountsCoder.of(), small, FunnelCounts.of(3, 2, 1, 1, 1999));
    CoderProperties.coderConsistentWithEquals(
        FunnelCountsCoder.of(), small, FunnelCounts.of(3, 2, 1, 1, 2000));
    CoderProperties.coderConsistentWithEquals(FunnelCountsCoder.of(), FunnelCounts.empty(), huge);
    // An accumulator built by adding events encodes like the same totals given explicitly.
    FunnelCounts built = FunnelCounts.empty()
        .add(EventType.VIEW, 100).add(EventType.VIEW, 100).add(EventType.VIEW, 5)
        .add(EventType.CART, 100).add(EventType.CART, 100)
        .add(EventType.REMOVE_FROM_CART, 100).add(EventType.PURCHASE, 1999);
    CoderProperties.coderDeterministic(FunnelCountsCoder.of(), built, small);
  }

  @Test
  void funnelRowCoderRoundTripsNullKeyAndEveryPaneTiming() throws Exception {
    FunnelCounts counts = FunnelCounts.of(10, 4, 0, 2, 12345);
    List<FunnelRow> values = List.of(
        FunnelRow.of(1569888000000L, 1569891600000L, "apple", counts, PaneFacts.of("EARLY", 0, false)),
        FunnelRow.of(1569888000000L, 1569891600000L, null, counts, PaneFacts.of("ON_TIME", 1, false)),
        FunnelRow.of(1569888000000L, 1569891600000L, "", FunnelCounts.empty(),
            PaneFacts.of("LATE", 7, true)),
        FunnelRow.of(0, 1, "x", counts, PaneFacts.of("UNKNOWN", 0, true)));
    assertRoundTripsAndDeterministic(FunnelRowCoder.of(), values);
    FunnelRow decoded = CoderUtils.clone(FunnelRowCoder.of(), values.get(1));
    assertThat(decoded.key(), is(nullValue()));
    assertThat(decoded.pane(), is(PaneFacts.of("ON_TIME", 1, false)));
    CoderProperties.coderDeterministic(FunnelRowCoder.of(),
        FunnelRow.of(5, 10, null, counts, PaneFacts.of("LATE", 2, false)),
        FunnelRow.of(5, 10, null, FunnelCounts.of(10, 4, 0, 2, 12345), PaneFacts.of("LATE", 2, false)));
  }
}
