package io.funnelpulse.model;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A clean click event (the "silver" row): a known event type, a positive price in cents, brand in lower
 * case and category code sanitised. Missing brand, category code and session stay {@code null}; the
 * {@code missingX()} methods are the data-quality flags.
 *
 * <pre>{@code
 * ClickEvent e = ClickEvent.builder(EventType.PURCHASE, timeMillis).brand("apple").priceCents(77674).build();
 * }</pre>
 */
@DefaultCoder(ClickEventCoder.class)
public final class ClickEvent {
  private final long eventTimeMillis;
  private final EventType eventType;
  private final String productId;
  private final String categoryId;
  private final String categoryCode;
  private final String brand;
  private final long priceCents;
  private final String userId;
  private final String userSession;

  private ClickEvent(Builder b) {
    this.eventTimeMillis = b.eventTimeMillis;
    this.eventType = Objects.requireNonNull(b.eventType, "eventType");
    this.productId = b.productId;
    this.categoryId = b.categoryId;
    this.categoryCode = b.categoryCode;
    this.brand = b.brand;
    this.priceCents = b.priceCents;
    this.userId = b.userId;
    this.userSession = b.userSession;
  }

  /** Starts an event of the given type at the given event time (epoch millis, UTC). */
  public static Builder builder(EventType eventType, long eventTimeMillis) {
    return new Builder(eventType, eventTimeMillis);
  }

  public long eventTimeMillis() {
    return eventTimeMillis;
  }

  public EventType eventType() {
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

  public long priceCents() {
    return priceCents;
  }

  public String userId() {
    return userId;
  }

  public String userSession() {
    return userSession;
  }

  public boolean missingBrand() {
    return brand == null;
  }

  public boolean missingCategory() {
    return categoryCode == null;
  }

  public boolean missingSession() {
    return userSession == null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClickEvent)) {
      return false;
    }
    ClickEvent that = (ClickEvent) o;
    return eventTimeMillis == that.eventTimeMillis
        && priceCents == that.priceCents
        && eventType == that.eventType
        && Objects.equals(productId, that.productId)
        && Objects.equals(categoryId, that.categoryId)
        && Objects.equals(categoryCode, that.categoryCode)
        && Objects.equals(brand, that.brand)
        && Objects.equals(userId, that.userId)
        && Objects.equals(userSession, that.userSession);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventTimeMillis, eventType, productId, brand, priceCents, userId, userSession);
  }

  @Override
  public String toString() {
    return "ClickEvent{t=" + eventTimeMillis + ", " + eventType.code() + ", brand=" + brand
        + ", product=" + productId + ", cents=" + priceCents + ", user=" + userId + "}";
  }

  /** Mutable builder; unset optional fields are missing ({@code null}). */
  public static final class Builder {
    private final long eventTimeMillis;
    private final EventType eventType;
    private String productId;
    private String categoryId;
    private String categoryCode;
    private String brand;
    private long priceCents;
    private String userId;
    private String userSession;

    private Builder(EventType eventType, long eventTimeMillis) {
      this.eventType = eventType;
      this.eventTimeMillis = eventTimeMillis;
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

    public Builder priceCents(long v) {
      this.priceCents = v;
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

    public ClickEvent build() {
      return new ClickEvent(this);
    }
  }
}
