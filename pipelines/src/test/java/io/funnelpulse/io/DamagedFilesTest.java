package io.funnelpulse.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.model.FailureReason;
import io.funnelpulse.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadEventFiles} over damaged files: a gzip file cut short keeps the records read before the
 * cut and adds one {@code unreadable_file} record at the line reached, and the other files are read
 * as usual; a line over the limit becomes one {@code line_too_long} record holding its start; asked to,
 * the read fails on the damaged file, naming it.
 */
class DamagedFilesTest {
  @TempDir Path dir;

  static String event(int i) {
    return String.format("2019-10-01 00:%02d:00 UTC,view,%d,2053013555631882655,,brand%d,7.77,568847318,s-%d",
        i % 60, 1000 + i, i % 7, i);
  }

  /** A gzip file of {@code lines} events, cut to half its bytes. */
  static byte[] truncatedGzip(int lines) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < lines; i++) {
        gz.write((event(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = bytes.toByteArray();
    return Arrays.copyOf(whole, whole.length / 2);
  }

  private static String describe(RawRecord r) {
    Path file = Path.of(r.source()).getFileName();
    return file + ":" + r.position() + ":" + (r.rejectedAs() == null ? "ok" : r.rejectedAs().code());
  }

  @Test
  @Timeout(120)
  void aTruncatedGzipKeepsWhatWasReadAndIsReportedOnceWhileTheOtherFilesAreRead() throws Exception {
    Files.write(dir.resolve("cut.csv.gz"), truncatedGzip(20_000));
    Files.write(dir.resolve("good.csv"), (event(1) + "\n" + event(2) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("long.csv"),
        (event(3) + "\n" + "x".repeat(70_000) + "\n" + event(4) + "\n").getBytes(StandardCharsets.UTF_8));

    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> records = p.apply(ReadEventFiles.from(dir + "/*"));
    PCollection<String> summary = records.apply(MapElements.into(TypeDescriptors.strings()).via(DamagedFilesTest::describe));
    PAssert.that(records).satisfies(all -> {
      List<RawRecord> cut = new ArrayList<>();
      for (RawRecord r : all) {
        if (r.source().endsWith("cut.csv.gz")) {
          cut.add(r);
        }
      }
      RawRecord unreadable = null;
      long fine = 0;
      for (RawRecord r : cut) {
        if (r.rejectedAs() == FailureReason.UNREADABLE_FILE) {
          assertThat("one unreadable_file record per damaged file", unreadable == null, is(true));
          unreadable = r;
        } else {
          fine++;
        }
      }
      assertThat(unreadable != null, is(true));
      assertThat(fine > 1000 && fine < 20_000, is(true));
      assertThat(unreadable.position(), is(fine + 1));
      assertThat(unreadable.rejection(), containsString("past line " + fine));
      assertThat(unreadable.rejection(), containsString("EOFException"));
      return null;
    });
    PAssert.that(summary.apply("NotCut", org.apache.beam.sdk.transforms.Filter.by(s -> !s.startsWith("cut"))))
        .containsInAnyOrder("good.csv:1:ok", "good.csv:2:ok", "long.csv:1:ok", "long.csv:2:line_too_long", "long.csv:3:ok");
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(120)
  void askedToFailOnUnreadableFilesTheReadFailsNamingTheFile() throws Exception {
    Files.write(dir.resolve("cut.csv.gz"), truncatedGzip(20_000));
    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    p.apply(ReadEventFiles.from(dir + "/*").failingOnUnreadableFiles(true));
    RuntimeException failure = assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertThat(messages.toString(), containsString("Cannot read event file " + dir.resolve("cut.csv.gz")));
  }
}
