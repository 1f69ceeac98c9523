package io.funnelpulse.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.datasketches.hll.HllSketch;

/**
 * Distinct visitors ({@code user_id}) and sessions ({@code user_session}) of a window or window × brand,
 * as two DataSketches HLL sketches of the same lgK, and, for validation runs, the exact sets beside
 * them. Mutable while aggregating; {@link #merge} is a union, so merging the same sketches twice
 * changes nothing (a stream's running totals can be merged again safely).
 */
@DefaultCoder(VisitorSketchesCoder.class)
public final class VisitorSketches {
  /** Default lgK: 4096 registers, about 1.6% relative standard error. */
  public static final int DEFAULT_LG_K = 12;

  private final int lgK;
  private HllSketch users;
  private HllSketch sessions;
  private final SortedSet<String> exactUsers;
  private final SortedSet<String> exactSessions;

  private VisitorSketches(
      int lgK, HllSketch users, HllSketch sessions, SortedSet<String> exactUsers, SortedSet<String> exactSessions) {
    this.lgK = lgK;
    this.users = users;
    this.sessions = sessions;
    this.exactUsers = exactUsers;
    this.exactSessions = exactSessions;
  }

  /** Empty sketches with {@code lgK} registers (4..21); exact sets kept when {@code exact}. */
  public static VisitorSketches empty(int lgK, boolean exact) {
    return new VisitorSketches(
        lgK,
        new HllSketch(lgK, CanonicalHll.TYPE),
        new HllSketch(lgK, CanonicalHll.TYPE),
        exact ? new TreeSet<>() : null,
        exact ? new TreeSet<>() : null);
  }

  /** Sketches restored from their images (and exact sets, or {@code null}), as a coder does. */
  public static VisitorSketches of(
      byte[] users, byte[] sessions, SortedSet<String> exactUsers, SortedSet<String> exactSessions) {
    HllSketch userSketch = HllSketch.heapify(users);
    return new VisitorSketches(
        userSketch.getLgConfigK(), userSketch, HllSketch.heapify(sessions), exactUsers, exactSessions);
  }

  /** Adds one event's visitor and session ({@code null} or empty session ids are not counted). */
  public VisitorSketches add(String userId, String session) {
    if (userId != null && !userId.isEmpty()) {
      users.update(userId);
      if (exactUsers != null) {
        exactUsers.add(userId);
      }
    }
    if (session != null && !session.isEmpty()) {
      sessions.update(session);
      if (exactSessions != null) {
        exactSessions.add(session);
      }
    }
    return this;
  }

  /** Unions {@code other} into this one and returns this. */
  public VisitorSketches merge(VisitorSketches other) {
    if (other.lgK != lgK) {
      throw new IllegalArgumentException("Cannot merge sketches of lgK " + lgK + " and " + other.lgK);
    }
    users = CanonicalHll.union(users, other.users);
    sessions = CanonicalHll.union(sessions, other.sessions);
    if (exactUsers != null && other.exactUsers != null) {
      exactUsers.addAll(other.exactUsers);
      exactSessions.addAll(other.exactSessions);
    }
    return this;
  }

  /** An independent copy. */
  public VisitorSketches copy() {
    return new VisitorSketches(
        lgK,
        users.copy(),
        sessions.copy(),
        exactUsers == null ? null : new TreeSet<>(exactUsers),
        exactSessions == null ? null : new TreeSet<>(exactSessions));
  }

  public int lgK() {
    return lgK;
  }

  /** Estimated distinct visitors. */
  public double visitors() {
    return CanonicalHll.estimate(users);
  }

  /** Estimated distinct sessions. */
  public double sessions() {
    return CanonicalHll.estimate(sessions);
  }

  /** The canonical HLL image of the visitors. */
  public byte[] visitorsSketch() {
    return CanonicalHll.bytes(users);
  }

  /** The canonical HLL image of the sessions. */
  public byte[] sessionsSketch() {
    return CanonicalHll.bytes(sessions);
  }

  /** The compact images as they stand (no canonical form): cheap, for coders. */
  byte[] visitorsImage() {
    return users.toCompactByteArray();
  }

  byte[] sessionsImage() {
    return sessions.toCompactByteArray();
  }

  /** Whether exact sets are kept. */
  public boolean hasExactCounts() {
    return exactUsers != null;
  }

  /** The exact visitor ids, or {@code null} when not kept. */
  public SortedSet<String> exactVisitorIds() {
    return exactUsers;
  }

  /** The exact session ids, or {@code null} when not kept. */
  public SortedSet<String> exactSessionIds() {
    return exactSessions;
  }

  /** Exact distinct visitors, or {@code null} when not kept. */
  public Long exactVisitors() {
    return exactUsers == null ? null : (long) exactUsers.size();
  }

  /** Exact distinct sessions, or {@code null} when not kept. */
  public Long exactSessions() {
    return exactSessions == null ? null : (long) exactSessions.size();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VisitorSketches)) {
      return false;
    }
    VisitorSketches that = (VisitorSketches) o;
    return lgK == that.lgK
        && Arrays.equals(visitorsSketch(), that.visitorsSketch())
        && Arrays.equals(sessionsSketch(), that.sessionsSketch())
        && Objects.equals(exactUsers, that.exactUsers)
        && Objects.equals(exactSessions, that.exactSessions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lgK, Arrays.hashCode(visitorsSketch()), exactUsers);
  }

  @Override
  public String toString() {
    return String.format(
        "VisitorSketches{visitors=%.1f, sessions=%.1f, exact=%s/%s}",
        visitors(), sessions(), exactVisitors(), exactSessions());
  }
}
