package io.funnelpulse.model;

import java.util.Objects;

/**
 * The result of applying a rule to one record: either a value or the {@link FailedRecord} that says why
 * there is none. Lets parsing and cleaning logic be plain functions shared by several transforms.
 */
public final class Outcome<T> {
  private final T value;
  private final FailedRecord failure;

  private Outcome(T value, FailedRecord failure) {
    this.value = value;
    this.failure = failure;
  }

  /** A successful outcome. */
  public static <T> Outcome<T> success(T value) {
    return new Outcome<>(Objects.requireNonNull(value, "value"), null);
  }

  /** A failed outcome. */
  public static <T> Outcome<T> failure(FailedRecord failure) {
    return new Outcome<>(null, Objects.requireNonNull(failure, "failure"));
  }

  public boolean succeeded() {
    return value != null;
  }

  /** The value; only for a successful outcome. */
  public T value() {
    if (value == null) {
      throw new IllegalStateException("Failed outcome has no value: " + failure);
    }
    return value;
  }

  /** The failure; only for a failed outcome. */
  public FailedRecord failure() {
    if (failure == null) {
      throw new IllegalStateException("Successful outcome has no failure");
    }
    return failure;
  }
}
