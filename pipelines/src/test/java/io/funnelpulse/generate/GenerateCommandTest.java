package io.funnelpulse.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path tmp;

  @Test
  void writesTheFilesAndPrintsTheReport() {
    Path dir = tmp.resolve("generated");
    int status = run("--output=" + dir, "--events=5000", "--days=1", "--files=2", "--gzip",
        "--malformedFraction=0.01");
    assertThat(status, is(0));
    assertThat(Files.exists(dir.resolve("events-00001.csv.gz")), is(true));
    assertThat(text(out), containsString("Generated 5000 events in 2 file(s)"));
    assertThat(text(out), containsString("malformed lines 50"));
  }

  @Test
  void badArgumentsPrintUsageAndReturnTwo() {
    assertThat(run("--output=" + tmp, "--frobnicate=1"), is(2));
    assertThat(text(err), containsString("frobnicate"));
    assertThat(text(err), containsString("generate --help"));
    assertThat(text(out), is(""));
  }

  private int run(String... args) {
    return GenerateCommand.run(args, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
