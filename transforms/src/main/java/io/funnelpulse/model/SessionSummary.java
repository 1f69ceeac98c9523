package io.funnelpulse.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A session, or a part of one: its first and last event time, how many events, its user (the smallest
 * {@code user_id} seen, normally the only one) and the {@link BrandSteps} of each brand it touched (a
 * missing brand is the {@code null} brand). Two parts of one session {@link #merge} into the summary of
 * their events together. Immutable.
 */
public final class SessionSummary {
  private final long startMillis;
  private final long lastMillis;
  private final long events;
  private final String userId;
  private final Map<String, BrandSteps> brands;

  SessionSummary(long startMillis, long lastMillis, long events, String userId, Map<String, BrandSteps> brands) {
    this.startMillis = startMillis;
    this.lastMillis = lastMillis;
    this.events = events;
    this.userId = userId;
    this.brands = brands;
  }

  /** The summary of a session holding only {@code event}. */
  public static SessionSummary of(ClickEvent event) {
    Map<String, BrandSteps> brands = new HashMap<>();
    brands.put(event.brand(), BrandSteps.of(event));
    return new SessionSummary(event.eventTimeMillis(), event.eventTimeMillis(), 1, event.userId(), brands);
  }

  /** The summary of both parts' events together. */
  public SessionSummary merge(SessionSummary other) {
    Map<String, BrandSteps> merged = new HashMap<>(brands);
    other.brands.forEach((brand, steps) -> merged.merge(brand, steps, BrandSteps::merge));
    return new SessionSummary(
        Math.min(startMillis, other.startMillis),
        Math.max(lastMillis, other.lastMillis),
        events + other.events,
        smaller(userId, other.userId),
        merged);
  }

  /** The summary of all {@code parts} merged; they must not be empty. */
  public static SessionSummary mergeAll(Iterable<SessionSummary> parts) {
    SessionSummary merged = null;
    for (SessionSummary part : parts) {
      merged = merged == null ? part : merged.merge(part);
    }
    return Objects.requireNonNull(merged, "no parts to merge");
  }

  /**
   * Whether this and {@code other} are parts of one session under {@code gapMillis}: no more than the
   * gap lies between the last event of one and the first of the other (or they overlap).
   */
  public boolean joins(SessionSummary other, long gapMillis) {
    return other.startMillis - lastMillis <= gapMillis && startMillis - other.lastMillis <= gapMillis;
  }

  public long startMillis() {
    return startMillis;
  }

  public long lastMillis() {
    return lastMillis;
  }

  public long events() {
    return events;
  }

  /** The session's user id; {@code null} if no event had one. */
  public String userId() {
    return userId;
  }

  /** The brands the session touched, the {@code null} brand first, then in text order. */
  public List<String> brands() {
    List<String> names = new ArrayList<>(brands.keySet());
    names.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
    return Collections.unmodifiableList(names);
  }

  /** The steps of {@code brand} (which must be one of {@link #brands}). */
  public BrandSteps steps(String brand) {
    return Objects.requireNonNull(brands.get(brand), () -> "no brand " + brand + " in the session");
  }

  private static String smaller(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SessionSummary)) {
      return false;
    }
    SessionSummary s = (SessionSummary) o;
    return startMillis == s.startMillis && lastMillis == s.lastMillis && events == s.events
        && Objects.equals(userId, s.userId) && brands.equals(s.brands);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startMillis, lastMillis, events, userId, brands);
  }

  @Override
  public String toString() {
    return "Session[" + startMillis + ".." + lastMillis + ", " + events + " events, " + brands + "]";
  }
}
