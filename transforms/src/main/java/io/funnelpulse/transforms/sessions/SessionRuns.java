package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.SessionSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

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

  /** These sessions with {@code part} added: merged with every session it joins under {@code gapMillis}. */
  public SessionRuns add(SessionSummary part, long gapMillis) {
    if (runs.isEmpty()) {
      return new SessionRuns(List.of(part));
    }
    if (runs.size() == 1) {
      SessionSummary run = runs.get(0);
      if (run.joins(part, gapMillis)) {
        return new SessionRuns(List.of(part.merge(run)));
      }
      return new SessionRuns(run.startMillis() <= part.startMillis() ? List.of(run, part) : List.of(part, run));
    }
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

  /**
   * These sessions with {@code event} added: {@code add(SessionSummary.of(event), gapMillis)}, without
   * the event's own summary when it joins the one session there is (most events of a bundle do).
   */
  public SessionRuns with(ClickEvent event, long gapMillis) {
    if (runs.size() == 1) {
      SessionSummary run = runs.get(0);
      if (run.joinsAt(event.eventTimeMillis(), gapMillis)) {
        return new SessionRuns(List.of(run.with(event)));
      }
    }
    return add(SessionSummary.of(event), gapMillis);
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
