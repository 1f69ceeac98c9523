package io.funnelpulse.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline options of a runner profile ({@code runner-profiles/*.options}: one {@code --name=value}
 * per line, {@code #} comments), merged under the user's own arguments: an option the user gives wins.
 * The Maven profiles point the {@value #PROPERTY} system property at the file.
 */
public final class RunnerProfile {
  /** System property naming the profile file. */
  public static final String PROPERTY = "funnelpulse.runnerProfile";

  private final List<String> args;

  private RunnerProfile(List<String> args) {
    this.args = List.copyOf(args);
  }

  /** The profile named by the system property, or an empty profile if it is unset. */
  public static RunnerProfile fromSystemProperty() {
    String file = System.getProperty(PROPERTY, "");
    return file.isBlank() ? new RunnerProfile(List.of()) : fromFile(Paths.get(file));
  }

  /** The profile in {@code file}. */
  public static RunnerProfile fromFile(Path file) {
    try {
      List<String> args = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#")) {
          args.add(t);
        }
      }
      return new RunnerProfile(args);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read runner profile " + file, e);
    }
  }

  /** The profile's options. */
  public List<String> args() {
    return args;
  }

  /** The user's arguments plus every profile option the user did not set. */
  public String[] mergeUnder(String[] userArgs) {
    Set<String> given = new HashSet<>();
    for (String arg : userArgs) {
      given.add(optionName(arg));
    }
    List<String> merged = new ArrayList<>(List.of(userArgs));
    for (String arg : args) {
      if (!given.contains(optionName(arg))) {
        merged.add(arg);
      }
    }
    return merged.toArray(new String[0]);
  }

  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return (eq < 0 ? arg : arg.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
  }
}
