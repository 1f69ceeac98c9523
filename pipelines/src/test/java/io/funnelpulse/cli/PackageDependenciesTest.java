package io.funnelpulse.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.deploy.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every import between the project's packages points downward: read from the main sources of both
 * modules, the package graph has no cycle, and the command line sits on top (nothing imports it).
 */
class PackageDependenciesTest {
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?(io\\.funnelpulse\\.[\\w.]+);", Pattern.MULTILINE);

  private static Map<String, Set<String>> packageGraph() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String module : List.of("transforms", "pipelines")) {
      try (Stream<Path> files = Files.walk(ChildJvm.projectRoot().resolve(module).resolve("src/main/java"))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> addImports(f, graph));
      }
    }
    return graph;
  }

  private static void addImports(Path file, Map<String, Set<String>> graph) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher pkg = PACKAGE.matcher(text);
    if (!pkg.find()) {
      return;
    }
    Set<String> targets = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
    Matcher imports = IMPORT.matcher(text);
    while (imports.find()) {
      String target = packageOf(imports.group(1));
      if (!target.equals(pkg.group(1))) {
        targets.add(target);
      }
    }
  }

  /** The package part of an imported name: the segments before the first capitalised one. */
  private static String packageOf(String imported) {
    List<String> segments = new ArrayList<>();
    for (String segment : imported.split("\\.")) {
      if (Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      segments.add(segment);
    }
    return String.join(".", segments);
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
    Deque<String> open = new ArrayDeque<>(List.of(from));
    Set<String> seen = new TreeSet<>();
    while (!open.isEmpty()) {
      String next = open.pop();
      if (next.equals(to)) {
        return true;
      }
      if (seen.add(next)) {
        open.addAll(graph.getOrDefault(next, Set.of()));
      }
    }
    return false;
  }

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() throws IOException {
    Map<String, Set<String>> graph = packageGraph();
    assertThat(graph.keySet(), hasItems("io.funnelpulse.cli", "io.funnelpulse.pipelines", "io.funnelpulse.verify"));
    List<String> cycles = new ArrayList<>();
    graph.forEach((from, targets) -> targets.stream()
        .filter(to -> reaches(graph, to, from))
        .forEach(to -> cycles.add(from + " -> " + to + " -> ... -> " + from)));
    assertThat(cycles, is(empty()));
  }

  @Test
  void nothingImportsTheCommandLine() throws IOException {
    List<String> importers = new ArrayList<>();
    packageGraph().forEach((from, targets) -> {
      if (targets.contains("io.funnelpulse.cli")) {
        importers.add(from);
      }
    });
    assertThat(importers, is(empty()));
  }
}
