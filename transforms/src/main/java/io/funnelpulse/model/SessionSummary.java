package io.funnelpulse.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A session, or a part of one: its first and last event time, how many events, its user (the smallest
 * {@code user_id} seen, normally the only one) and the {@link BrandSteps} of each brand it touched (a
 * missing brand is the {@code null} brand). Two parts of one session {@link #merge} into the summary of
 * their events together. Immutable.
 */
public final class SessionSummary {
  private static final Comparator<String> BRAND_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

  private final long startMillis;
  private final long lastMillis;
  private final long events;
  private final String userId;
  /** The brands, the {@code null} brand first, then in text order; {@code steps[i]} is {@code brands[i]}'s. */
  private final String[] brands;
  private final BrandSteps[] steps;

  /** A summary of {@code brands} (in {@link #brands()} order, no repeats) and their {@code steps}. */
  SessionSummary(long startMillis, long lastMillis, long events, String userId, String[] brands, BrandSteps[] steps) {
    this.startMillis = startMillis;
    this.lastMillis = lastMillis;
    this.events = events;
    this.userId = userId;
    this.brands = brands;
    this.steps = steps;
  }

  /** The summary of a session holding only {@code event}. */
  public static SessionSummary of(ClickEvent event) {
    return new SessionSummary(event.eventTimeMillis(), event.eventTimeMillis(), 1, event.userId(),
        new String[] {event.brand()}, new BrandSteps[] {BrandSteps.of(event)});
  }

  /** The summary of both parts' events together. */
  public SessionSummary merge(SessionSummary other) {
    String[] mergedBrands = new String[brands.length + other.brands.length];
    BrandSteps[] mergedSteps = new BrandSteps[mergedBrands.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < brands.length || j < other.brands.length) {
      int order = i == brands.length ? 1 : j == other.brands.length ? -1 : BRAND_ORDER.compare(brands[i], other.brands[j]);
      if (order < 0) {
        mergedBrands[n] = brands[i];
        mergedSteps[n++] = steps[i++];
      } else if (order > 0) {
        mergedBrands[n] = other.brands[j];
        mergedSteps[n++] = other.steps[j++];
      } else {
        mergedBrands[n] = brands[i];
        mergedSteps[n++] = steps[i++].merge(other.steps[j++]);
      }
    }
    return new SessionSummary(
        Math.min(startMillis, other.startMillis),
        Math.max(lastMillis, other.lastMillis),
        events + other.events,
        smaller(userId, other.userId),
        n == mergedBrands.length ? mergedBrands : Arrays.copyOf(mergedBrands, n),
        n == mergedSteps.length ? mergedSteps : Arrays.copyOf(mergedSteps, n));
  }

  /**
   * This summary with {@code event} added: {@code merge(of(event))}, sharing what does not change (the
   * brands, when the event's brand is one of them, and the other brands' steps).
   */
  public SessionSummary with(ClickEvent event) {
    int at = Arrays.binarySearch(brands, event.brand(), BRAND_ORDER);
    if (at < 0) {
      return merge(of(event));
    }
    BrandSteps[] nextSteps = steps.clone();
    nextSteps[at] = steps[at].with(event);
    long t = event.eventTimeMillis();
    return new SessionSummary(Math.min(startMillis, t), Math.max(lastMillis, t), events + 1,
        smaller(userId, event.userId()), brands, nextSteps);
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
    return withinGap(other.startMillis, other.lastMillis, gapMillis);
  }

  /** Whether an event at {@code timeMillis} is part of this session under {@code gapMillis} (as {@link #joins}). */
  public boolean joinsAt(long timeMillis, long gapMillis) {
    return withinGap(timeMillis, timeMillis, gapMillis);
  }

  private boolean withinGap(long otherStartMillis, long otherLastMillis, long gapMillis) {
    return otherStartMillis - lastMillis <= gapMillis && startMillis - otherLastMillis <= gapMillis;
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
    return Collections.unmodifiableList(Arrays.asList(brands));
  }

  /** The steps of {@code brand} (which must be one of {@link #brands}). */
  public BrandSteps steps(String brand) {
    int at = Arrays.binarySearch(brands, brand, BRAND_ORDER);
    if (at < 0) {
      throw new NullPointerException("no brand " + brand + " in the session");
    }
    return steps[at];
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
        && Objects.equals(userId, s.userId) && Arrays.equals(brands, s.brands) && Arrays.equals(steps, s.steps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startMillis, lastMillis, events, userId, Arrays.hashCode(brands), Arrays.hashCode(steps));
  }

  private String brandsAndSteps() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < brands.length; i++) {
      text.append(i == 0 ? "" : ", ").append(brands[i]).append('=').append(steps[i]);
    }
    return text.append('}').toString();
  }

  @Override
  public String toString() {
    return "Session[" + startMillis + ".." + lastMillis + ", " + events + " events, " + brandsAndSteps() + "]";
  }
}
