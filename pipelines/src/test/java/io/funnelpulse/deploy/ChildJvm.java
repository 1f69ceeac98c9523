package io.funnelpulse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For tests: a separate JVM started with this JVM's {@code java} and the {@code --add-opens} list
 * Spark needs on Java 17 (from {@code .mvn/jvm.config}), its output appended to a log file; and the
 * stopping of such a process with everything it started.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** This JVM's {@code java} followed by the {@code --add-opens} options. */
  public static List<String> javaWithOpens() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(addOpens());
    return command;
  }

  /** The {@code --add-opens} options of {@code .mvn/jvm.config}. */
  public static List<String> addOpens() throws IOException {
    List<String> opens = new ArrayList<>();
    for (String option : Files.readString(projectRoot().resolve(".mvn/jvm.config")).trim().split("\\s+")) {
      if (option.startsWith("--add-opens")) {
        opens.add(option);
      }
    }
    return opens;
  }

  /** The project's top-level directory (set by the build as {@code funnelpulse.projectRoot}). */
  public static Path projectRoot() {
    return Paths.get(System.getProperty("funnelpulse.projectRoot"));
  }

  /** Starts {@code command} with {@code environment} added, its output appended to {@code log}. */
  public static Process start(List<String> command, Map<String, String> environment, Path log)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Stops {@code process} and every process it started (executors a Spark Worker launched, say):
   * SIGTERM first, SIGKILL for whatever is still alive after {@code graceSeconds}.
   */
  public static void stop(Process process, int graceSeconds) throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
    family.add(process.toHandle());
    family.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : family) {
      try {
        handle.onExit().get(graceSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
    process.waitFor(graceSeconds, TimeUnit.SECONDS);
  }

  /** The last {@code lines} lines of {@code log}, for a failure message. */
  public static String tail(Path log, int lines) throws IOException {
    if (!Files.exists(log)) {
      return "(no log at " + log + ")";
    }
    List<String> all = Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
