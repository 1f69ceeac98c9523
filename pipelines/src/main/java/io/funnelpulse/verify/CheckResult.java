package io.funnelpulse.verify;

import java.util.List;
import java.util.Objects;

/** The outcome of one verification check: its name, PASS / WARN / FAIL, a summary and sample rows. */
public final class CheckResult {
  /** How a check came out. */
  public enum Status {
    PASS,
    WARN,
    FAIL
  }

  private final String name;
  private final Status status;
  private final String summary;
  private final List<String> samples;

  private CheckResult(String name, Status status, String summary, List<String> samples) {
    this.name = Objects.requireNonNull(name, "name");
    this.status = Objects.requireNonNull(status, "status");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.samples = List.copyOf(samples);
  }

  public static CheckResult pass(String name, String summary) {
    return new CheckResult(name, Status.PASS, summary, List.of());
  }

  public static CheckResult warn(String name, String summary, List<String> samples) {
    return new CheckResult(name, Status.WARN, summary, samples);
  }

  public static CheckResult fail(String name, String summary, List<String> samples) {
    return new CheckResult(name, Status.FAIL, summary, samples);
  }

  public String name() {
    return name;
  }

  public Status status() {
    return status;
  }

  public String summary() {
    return summary;
  }

  /** Up to a few offending rows, readable. */
  public List<String> samples() {
    return samples;
  }

  @Override
  public String toString() {
    return status + " " + name + ": " + summary;
  }
}
