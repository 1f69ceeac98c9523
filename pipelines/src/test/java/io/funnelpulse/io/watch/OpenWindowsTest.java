package io.funnelpulse.io.watch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The open-window count of the watched-directory reader: awaiting their on-time pane, or in lateness. */
class OpenWindowsTest {
  private static final long HOUR = 3_600_000L;

  private static long at(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  @Test
  void windowsMoveFromAwaitingTheirOnTimePaneToLatenessToClosed() {
    OpenWindows windows = new OpenWindows(HOUR, 2 * HOUR);
    windows.add(at("2019-10-01T10:05:00Z"));
    windows.add(at("2019-10-01T10:55:00Z"));
    windows.add(at("2019-10-01T11:10:00Z"));
    windows.add(at("2019-10-01T13:01:00Z"));

    long watermark = at("2019-10-01T11:30:00Z");
    windows.closeUpTo(watermark);
    assertThat(windows.awaitingOnTime(watermark), is(2));
    assertThat(windows.inLateness(watermark), is(1));

    watermark = at("2019-10-01T13:00:00Z");
    windows.closeUpTo(watermark);
    // 10:00 closes at 13:00 (end 11:00 plus two hours); 13:00 has just opened.
    assertThat(windows.awaitingOnTime(watermark), is(1));
    assertThat(windows.inLateness(watermark), is(1));
  }
}
