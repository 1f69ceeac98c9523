package io.funnelpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Samples, on a daemon thread, the JVM's used heap and the size of a directory (the runner's
 * checkpoint, where Spark streaming keeps its state) and remembers the peaks.
 */
final class ResourceSampler implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 250;

  private final Path directory;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakHeapBytes;
  private volatile long peakDirectoryBytes;
  private volatile long latestDirectoryBytes;

  private ResourceSampler(Path directory) {
    this.directory = directory;
    this.thread = new Thread(this::sampleUntilClosed, "resource-sampler");
    this.thread.setDaemon(true);
  }

  /** Starts sampling; {@code directory} may be {@code null} (then only the heap is sampled). */
  static ResourceSampler start(Path directory) {
    ResourceSampler sampler = new ResourceSampler(directory);
    sampler.thread.start();
    return sampler;
  }

  private void sampleUntilClosed() {
    long samples = 0;
    while (running) {
      Runtime runtime = Runtime.getRuntime();
      peakHeapBytes = Math.max(peakHeapBytes, runtime.totalMemory() - runtime.freeMemory());
      if (directory != null && samples++ % 4 == 0) {
        latestDirectoryBytes = sizeOf(directory);
        peakDirectoryBytes = Math.max(peakDirectoryBytes, latestDirectoryBytes);
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Total size of the regular files under {@code dir}; files that vanish while walking are skipped. */
  static long sizeOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.mapToLong(ResourceSampler::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException vanished) {
      return 0;
    }
  }

  private static long sizeOrZero(Path path) {
    try {
      return Files.isRegularFile(path) ? Files.size(path) : 0;
    } catch (IOException vanished) {
      return 0;
    }
  }

  long peakHeapBytes() {
    return peakHeapBytes;
  }

  long peakDirectoryBytes() {
    return peakDirectoryBytes;
  }

  /** The directory's size at the latest sample (whether state grows over a run, or stays level). */
  long latestDirectoryBytes() {
    return latestDirectoryBytes;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
