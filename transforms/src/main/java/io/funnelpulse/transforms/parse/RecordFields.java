package io.funnelpulse.transforms.parse;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.RawRecord;
import java.util.List;

/**
 * The nine REES46 columns in their file order, and how a list of field texts becomes an
 * {@link EventRecord}.
 */
final class RecordFields {
  static final String[] NAMES = {
    "event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price",
    "user_id", "user_session"
  };

  private RecordFields() {}

  /** Builds the record from the nine fields in column order; the time is already parsed. */
  static EventRecord toRecord(RawRecord raw, long eventTimeMillis, List<String> f) {
    return EventRecord.builder(raw, eventTimeMillis)
        .eventType(f.get(1))
        .productId(f.get(2))
        .categoryId(f.get(3))
        .categoryCode(f.get(4))
        .brand(f.get(5))
        .price(f.get(6))
        .userId(f.get(7))
        .userSession(f.get(8))
        .build();
  }
}
