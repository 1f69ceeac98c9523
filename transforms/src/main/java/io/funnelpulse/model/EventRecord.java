package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A parsed but not yet cleaned event (the "bronze" row): the event time is known, every other field is
 * the raw text of its column ({@code null} when missing). the silver rules ({@code SilverRules}) turn it into a
 * {@link ClickEvent} or a failure; it keeps the {@link RawRecord} for that.
 */
@DefaultCoder(EventRecordCoder.class)
public final class EventRecord {
  private final RawRecord raw;
  private final long eventTimeMillis;
  private final String eventType;
  private final String productId;
  private final String categoryId;
  private final String categoryCode;
  private final String brand;
  private final String price;
  private final String userId;
  private final String userSession;

  private EventRecord(Builder b) {
    this.raw = Objects.requireNonNull(b.raw, "raw");
    this.eventTimeMillis = b.eventTimeMillis;
    this.eventType = b.eventType;
    this.productId = b.productId;
    this.categoryId = b.categoryId;
    this.categoryCode = b.categoryCode;
    this.brand = b.brand;
    this.price = b.price;
    this.userId = b.userId;
    this.userSession = b.userSession;
  }

  /** Starts a record for the given raw input and event time (epoch millis, UTC). */
  public static Builder builder(RawRecord raw, long eventTimeMillis) {
    return new Builder(raw, eventTimeMillis);
  }

  public RawRecord raw() {
    return raw;
  }

  public long eventTimeMillis() {
    return eventTimeMillis;
  }

  public String eventType() {
    return eventType;
  }

  public String productId() {
    return productId;
  }

  public String categoryId() {
    return categoryId;
  }

  public String categoryCode() {
    return categoryCode;
  }

  public String brand() {
    return brand;
  }

  public String price() {
    return price;
  }

  public String userId() {
    return userId;
  }

  public String userSession() {
    return userSession;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EventRecord)) {
      return false;
    }
    EventRecord that = (EventRecord) o;
    return eventTimeMillis == that.eventTimeMillis
        && raw.equals(that.raw)
        && Objects.equals(eventType, that.eventType)
        && Objects.equals(productId, that.productId)
        && Objects.equals(categoryId, that.categoryId)
        && Objects.equals(categoryCode, that.categoryCode)
        && Objects.equals(brand, that.brand)
        && Objects.equals(price, that.price)
        && Objects.equals(userId, that.userId)
        && Objects.equals(userSession, that.userSession);
  }

  @Override
  public int hashCode() {
    return Objects.hash(raw, eventTimeMillis, eventType, productId, brand, price, userId);
  }

  @Override
  public String toString() {
    return "EventRecord{" + raw + ", t=" + eventTimeMillis + ", type=" + eventType + ", brand=" + brand
        + ", price=" + price + "}";
  }

  /** Mutable builder; fields left unset are missing ({@code null}). */
  public static final class Builder {
    private final RawRecord raw;
    private final long eventTimeMillis;
    private String eventType;
    private String productId;
    private String categoryId;
    private String categoryCode;
    private String brand;
    private String price;
    private String userId;
    private String userSession;

    private Builder(RawRecord raw, long eventTimeMillis) {
      this.raw = raw;
      this.eventTimeMillis = eventTimeMillis;
    }

    public Builder eventType(String v) {
      this.eventType = v;
      return this;
    }

    public Builder productId(String v) {
      this.productId = v;
      return this;
    }

    public Builder categoryId(String v) {
      this.categoryId = v;
      return this;
    }

    public Builder categoryCode(String v) {
      this.categoryCode = v;
      return this;
    }

    public Builder brand(String v) {
      this.brand = v;
      return this;
    }

    public Builder price(String v) {
      this.price = v;
      return this;
    }

    public Builder userId(String v) {
      this.userId = v;
      return this;
    }

    public Builder userSession(String v) {
      this.userSession = v;
      return this;
    }

    public EventRecord build() {
      return new EventRecord(this);
    }
  }
}
