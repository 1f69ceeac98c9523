package io.funnelpulse.pipelines;

import java.util.Locale;
import org.joda.time.Duration;

/** The coarser windows visitor sketches are rolled up into ({@code --rollup}). */
public enum RollupPeriod {
  NONE(null),
  DAY(Duration.standardDays(1));

  private final Duration size;

  RollupPeriod(Duration size) {
    this.size = size;
  }

  /** The rollup window size; {@code null} for {@link #NONE}. */
  public Duration size() {
    return size;
  }

  /** Parses {@code none} or {@code day}, in any case. */
  public static RollupPeriod parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--rollup must be none or day, got '" + text + "'", e);
    }
  }
}
