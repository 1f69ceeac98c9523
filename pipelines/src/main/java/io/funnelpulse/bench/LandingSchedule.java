package io.funnelpulse.bench;

import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Lands prepared event files, in name order, at a fixed number of files per second (or all at once):
 * into a watched directory (each copied to a hidden file and renamed into place) or onto a Kafka
 * topic (each file's records produced and flushed); remembers when each window's first event landed.
 * The first file can be landed on its own as a warm-up (so a paced run starts once the job is
 * reading); windows whose first event came in it are not reported.
 */
final class LandingSchedule {
  /** How one file's events land; returns when they can be read. */
  interface Delivery {
    void land(Path file) throws IOException;
  }

  private final List<Path> files;
  private final List<SortedSet<Long>> windowsPerFile;
  private final Delivery delivery;
  private final double filesPerSecond;
  private final Map<Long, Long> firstLandedMillisByWindow = new ConcurrentHashMap<>();
  private final Set<Long> warmUpWindows = ConcurrentHashMap.newKeySet();
  private int next;

  private LandingSchedule(
      List<Path> files, List<SortedSet<Long>> windowsPerFile, Delivery delivery, double filesPerSecond) {
    this.files = files;
    this.windowsPerFile = windowsPerFile;
    this.delivery = delivery;
    this.filesPerSecond = filesPerSecond;
  }

  /**
   * A schedule landing {@code files} into the watched directory {@code landing} at {@code
   * filesPerSecond} (0 = no pause); reads each file once to learn which windows of {@code windowMillis}
   * it holds.
   */
  static LandingSchedule of(List<Path> files, Path landing, double filesPerSecond, long windowMillis)
      throws IOException {
    return of(files, file -> moveInto(landing, file), filesPerSecond, windowMillis);
  }

  /** As {@link #of(List, Path, double, long)}, each file landing through {@code delivery}. */
  static LandingSchedule of(List<Path> files, Delivery delivery, double filesPerSecond, long windowMillis)
      throws IOException {
    List<SortedSet<Long>> windows = new ArrayList<>();
    for (Path file : files) {
      windows.add(windowsIn(file, windowMillis));
    }
    return new LandingSchedule(List.copyOf(files), windows, delivery, filesPerSecond);
  }

  private static void moveInto(Path landing, Path file) throws IOException {
    Path staged = landing.resolve("." + file.getFileName() + ".tmp");
    Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
    Files.move(staged, landing.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
  }

  private static SortedSet<Long> windowsIn(Path file, long windowMillis) throws IOException {
    SortedSet<Long> windows = new TreeSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        Outcome<EventRecord> parsed = RecordParser.parse(RawRecord.of(line, file.toString(), number), InputFormat.CSV);
        if (parsed.succeeded()) {
          long time = parsed.value().eventTimeMillis();
          windows.add(time - Math.floorMod(time, windowMillis));
        }
      }
    }
    return windows;
  }

  /** Lands the first file alone; returns the number of lines it holds. */
  long landWarmUp() throws IOException {
    land(0);
    warmUpWindows.addAll(firstLandedMillisByWindow.keySet());
    next = 1;
    try (Stream<String> lines = Files.lines(files.get(0), StandardCharsets.UTF_8)) {
      return lines.count() - 1;
    }
  }

  /** Lands every file not landed yet at the schedule's pace; returns when the last one is in place. */
  void run() throws IOException, InterruptedException {
    long start = System.currentTimeMillis();
    for (int i = next; i < files.size(); i++) {
      if (filesPerSecond > 0) {
        long wait = start + (long) ((i - next) * 1000 / filesPerSecond) - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
      }
      land(i);
    }
  }

  private void land(int index) throws IOException {
    delivery.land(files.get(index));
    long landed = System.currentTimeMillis();
    for (Long window : windowsPerFile.get(index)) {
      firstLandedMillisByWindow.putIfAbsent(window, landed);
    }
  }

  /** Wall-clock millis when each window's first event landed, by window start; warm-up windows left out. */
  Map<Long, Long> firstLandedMillisByWindow() {
    Map<Long, Long> windows = new TreeMap<>(firstLandedMillisByWindow);
    windows.keySet().removeAll(warmUpWindows);
    return Collections.unmodifiableMap(windows);
  }
}
