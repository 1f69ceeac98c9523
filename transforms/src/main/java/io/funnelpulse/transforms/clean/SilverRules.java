package io.funnelpulse.transforms.clean;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.Outcome;

/**
 * The silver rules for one parsed record: a known event type, a present, numeric and positive price,
 * key fields of at most {@value #MAX_KEY_CHARACTERS} characters; brand lower-cased and category code
 * sanitised. The cleaning the job's {@code PreAggregate} applies, usable in any
 * DoFn.
 */
public final class SilverRules {
  /**
   * Longest key field (brand, category code, product, user, session) kept, in characters once trimmed:
   * real values are under 40; a longer one is a broken or hostile record, not a key to group by.
   */
  public static final int MAX_KEY_CHARACTERS = 256;

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
    String tooLong = firstTooLongKey(record);
    if (tooLong != null) {
      return reject(record, FailureReason.FIELD_TOO_LONG,
          tooLong + " is longer than " + MAX_KEY_CHARACTERS + " characters");
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

  /** The name of the first key field longer than {@link #MAX_KEY_CHARACTERS} once trimmed, or null. */
  private static String firstTooLongKey(EventRecord record) {
    String[][] keys = {
      {"brand", record.brand()}, {"category_code", record.categoryCode()},
      {"product_id", record.productId()}, {"user_id", record.userId()},
      {"user_session", record.userSession()}
    };
    for (String[] key : keys) {
      String value = key[1];
      if (value != null && value.length() > MAX_KEY_CHARACTERS) {
        String trimmed = value.trim();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_KEY_CHARACTERS) {
          return key[0];
        }
      }
    }
    return null;
  }

  private static Outcome<ClickEvent> reject(EventRecord record, FailureReason reason, String detail) {
    return Outcome.failure(FailedRecord.of(record.raw(), reason, detail));
  }
}
