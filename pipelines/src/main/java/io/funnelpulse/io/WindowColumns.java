package io.funnelpulse.io;

import io.funnelpulse.model.PaneFacts;
import java.time.LocalDate;
import org.apache.avro.generic.GenericData;

/**
 * The columns every windowed table shares: {@code window_start}, {@code window_end} (timestamp-micros),
 * {@code window_date} (the partition), and the pane facts {@code pane_timing}, {@code pane_index},
 * {@code is_final}.
 */
public final class WindowColumns {
  /** Name of the partition column and directory prefix. */
  public static final String WINDOW_DATE = "window_date";

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long MICROS_PER_MILLI = 1000L;

  private WindowColumns() {}

  /** Fills the shared columns of {@code record}. */
  public static void put(GenericData.Record record, long windowStartMillis, long windowEndMillis, PaneFacts pane) {
    record.put("window_start", windowStartMillis * MICROS_PER_MILLI);
    record.put("window_end", windowEndMillis * MICROS_PER_MILLI);
    record.put(WINDOW_DATE, (int) Math.floorDiv(windowStartMillis, MILLIS_PER_DAY));
    record.put("pane_timing", pane.timing().name());
    record.put("pane_index", pane.index());
    record.put("is_final", pane.isFinal());
  }

  /** The partition directory of a window, e.g. {@code window_date=2019-10-01}. */
  public static String partitionOf(long windowStartMillis) {
    return WINDOW_DATE + "=" + LocalDate.ofEpochDay(Math.floorDiv(windowStartMillis, MILLIS_PER_DAY));
  }
}
