package io.funnelpulse.bench;

import io.funnelpulse.sql.DuckDbSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Freshness per window: from the moment its first event landed to the moment the first output file
 * holding a row of that window was written (the file's modification time). Summarised as median,
 * 95th percentile and maximum over the windows that have both.
 */
final class Freshness {
  private final List<Long> millis;

  private Freshness(List<Long> millis) {
    this.millis = millis;
  }

  /** Matches the landing times with the Parquet files of {@code tableDir}. */
  static Freshness measure(Map<Long, Long> firstLandedMillisByWindow, Path tableDir)
      throws IOException, SQLException {
    Map<Long, Long> firstWritten = new HashMap<>();
    try (DuckDbSession duckDb = DuckDbSession.open()) {
      for (List<Object> row :
          duckDb.query("SELECT DISTINCT filename, epoch_ms(window_start) FROM read_parquet('"
              + tableDir + "/*/*.parquet', filename = true)")) {
        long written = Files.getLastModifiedTime(Paths.get((String) row.get(0))).toMillis();
        firstWritten.merge(((Number) row.get(1)).longValue(), written, Math::min);
      }
    }
    List<Long> freshness = new ArrayList<>();
    firstLandedMillisByWindow.forEach((window, landed) -> {
      Long written = firstWritten.get(window);
      if (written != null) {
        freshness.add(written - landed);
      }
    });
    Collections.sort(freshness);
    return new Freshness(freshness);
  }

  int windows() {
    return millis.size();
  }

  /** The {@code p}-th percentile (0..100) in seconds; 0 when nothing was measured. */
  double percentileSeconds(double p) {
    if (millis.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * millis.size()) - 1;
    return millis.get(Math.max(0, Math.min(millis.size() - 1, index))) / 1000.0;
  }

  @Override
  public String toString() {
    return String.format("freshness over %d windows: median %.1f s, p95 %.1f s, max %.1f s",
        windows(), percentileSeconds(50), percentileSeconds(95), percentileSeconds(100));
  }
}
