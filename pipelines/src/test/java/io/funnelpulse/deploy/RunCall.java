package io.funnelpulse.deploy;

import io.funnelpulse.cli.RunCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** For tests: the {@code run} command called in this JVM, with its exit code and what it printed. */
public record RunCall(int code, String printed, String errors) {

  /** Runs {@code run} with {@code args}, capturing its standard output and its error messages. */
  public static RunCall of(String... args) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
      code = RunCommand.execute(args, out, err);
    }
    return new RunCall(code, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
  }
}
