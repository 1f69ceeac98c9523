package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The sessions of one key seen so far, as disjoint {@link SessionSummary}s in start order, each
 * separated from the next by more than the gap. Adding a part merges it with every session it joins
 * (a part that falls between two sessions bridges them into one). Immutable.
 */
public final class SessionRuns {
  private static final SessionRuns EMPTY = new SessionRuns(List.of());

  private final List<SessionSummary> runs;

  SessionRuns(List<SessionSummary> runs) {
    this.runs = runs;
  }

  /** No sessions. */
  public static SessionRuns empty() {
    return EMPTY;
  }

  /** The sessions, in start order. */
  public List<SessionSummary> runs() {
    return runs;
  }

  /** The sessions that {@code part} joins under {@code gapMillis}, in start order. */
  public List<SessionSummary> joinedBy(SessionSummary part, long gapMillis) {
    List<SessionSummary> joined = new ArrayList<>();
    for (SessionSummary run : runs) {
      if (run.joins(part, gapMillis)) {
        joined.add(run);
      }
    }
    return joined;
  }

  /** These sessions with {@code part} added: merged with every session it joins under {@code gapMillis}. */
  public SessionRuns add(SessionSummary part, long gapMillis) {
    List<SessionSummary> next = new ArrayList<>(runs.size() + 1);
    SessionSummary merged = part;
    for (SessionSummary run : runs) {
      if (run.joins(part, gapMillis)) {
        merged = merged.merge(run);
      } else {
        next.add(run);
      }
    }
    next.add(merged);
    next.sort(Comparator.comparingLong(SessionSummary::startMillis));
    return new SessionRuns(Collections.unmodifiableList(next));
  }

  /** These sessions without the ones {@code keep} rejects. */
  public SessionRuns retainOnly(Predicate<SessionSummary> keep) {
    List<SessionSummary> kept = new ArrayList<>();
    for (SessionSummary run : runs) {
      if (keep.test(run)) {
        kept.add(run);
      }
    }
    return kept.size() == runs.size() ? this : new SessionRuns(Collections.unmodifiableList(kept));
  }

  public boolean isEmpty() {
    return runs.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionRuns && runs.equals(((SessionRuns) o).runs);
  }

  @Override
  public int hashCode() {
    return runs.hashCode();
  }

  @Override
  public String toString() {
    return runs.toString();
  }
}
