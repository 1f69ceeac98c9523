package io.funnelpulse.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small operations on directories of the local file system. */
public final class LocalDirectories {
  private LocalDirectories() {}

  /** Deletes {@code dir} and everything under it; nothing happens if it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> paths = Files.walk(dir)) {
      deepestFirst = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    for (Path path : deepestFirst) {
      Files.delete(path);
    }
  }

  /** Whether {@code table} is a directory with a Parquet file somewhere under it (a table a run wrote rows to). */
  public static boolean holdsParquetFiles(Path table) throws IOException {
    if (!Files.isDirectory(table)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(table)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    }
  }
}
