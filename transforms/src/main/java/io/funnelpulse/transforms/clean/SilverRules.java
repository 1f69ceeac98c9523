package io.funnelpulse.transforms.clean;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.Outcome;

/**
 * The silver rules for one parsed record: a known event type, a present, numeric and positive price;
 * brand lower-cased and category code sanitised. The logic behind {@link CleanEvents}, usable in any
 * DoFn.
 */
public final class SilverRules {
  private SilverRules() {}

  /** The clean event of {@code record}, or why it has none. */
  public static Outcome<ClickEvent> apply(EventRecord record) {
    String typeText = record.eventType();
    EventType type = EventType.fromCode(typeText);
    if (type == null) {
      return reject(record,
          typeText == null ? FailureReason.MISSING_EVENT_TYPE : FailureReason.UNKNOWN_EVENT_TYPE,
          "event_type '" + typeText + "'");
    }
    String priceText = record.price();
    if (priceText == null) {
      return reject(record, FailureReason.MISSING_PRICE, "price is empty");
    }
    long cents = Prices.toCents(priceText);
    if (cents == Prices.INVALID) {
      return reject(record, FailureReason.BAD_PRICE, "price '" + priceText + "' is not a number");
    }
    if (cents <= 0) {
      return reject(record, FailureReason.NON_POSITIVE_PRICE, "price " + priceText + " is not positive");
    }
    return Outcome.success(
        ClickEvent.builder(type, record.eventTimeMillis())
            .productId(record.productId())
            .categoryId(record.categoryId())
            .categoryCode(Normalise.categoryCode(record.categoryCode()))
            .brand(Normalise.brand(record.brand()))
            .priceCents(cents)
            .userId(record.userId())
            .userSession(record.userSession())
            .build());
  }

  private static Outcome<ClickEvent> reject(EventRecord record, FailureReason reason, String detail) {
    return Outcome.failure(FailedRecord.of(record.raw(), reason, detail));
  }
}
