package io.funnelpulse.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.funnelpulse.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain files read in small pieces give exactly the records of reading them whole: every line once,
 * with its own line number, whatever the line endings, blank lines or a missing final line break.
 */
class ChunkedReadTest {
  @TempDir Path dir;

  /** A header, then lines of varying length with CRLF or LF endings, some blank, no final newline. */
  private static List<String> writeFile(Path file, int lines, long seed) throws Exception {
    Random random = new Random(seed);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\r\n"
        .getBytes(StandardCharsets.UTF_8));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      String text = random.nextInt(20) == 0 ? "" : "line-" + i + "-" + "x".repeat(random.nextInt(90));
      expected.add(text);
      bytes.write(text.getBytes(StandardCharsets.UTF_8));
      if (i < lines - 1) {
        bytes.write((random.nextBoolean() ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(file, bytes.toByteArray());
    return expected;
  }

  @Test
  @Timeout(120)
  void smallChunksYieldEveryLineOnceWithItsLineNumber() throws Exception {
    Path file = dir.resolve("events.csv");
    List<String> lines = writeFile(file, 2_000, 5L);
    List<RawRecord> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      expected.add(RawRecord.of(lines.get(i), file.toString(), i + 2));
    }
    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> records = p.apply(ReadEventFiles.from(file.toString()).withChunkBytes(1_000));
    PAssert.that(records).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  @Timeout(120)
  void chunksStartAtLineBeginningsAndCoverTheWholeFile() throws Exception {
    assertChunksStartAtLineBeginningsAndCoverTheFile(500, 2_000, 5);
  }

  @Test
  @Timeout(120)
  void aFileLongerThanTheScanBufferIsCutAtLineBeginningsWithItsLineNumbers() throws Exception {
    assertChunksStartAtLineBeginningsAndCoverTheFile(40_000, 300_000, 5);
  }

  @Test
  void lineBreaksAreCountedEightBytesAtATimeWhateverTheOtherBytes() {
    Random random = new Random(11);
    byte[] alphabet = {'\n', '\r', 0x0B, 0x09, 0x00, (byte) 0x8A, (byte) 0xFF, (byte) 0x7F, 'a', ','};
    for (int n = 0; n < 100_000; n++) {
      long word = 0;
      int breaks = 0;
      for (int b = 0; b < Long.BYTES; b++) {
        byte value = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
        breaks += value == '\n' ? 1 : 0;
        word |= (value & 0xFFL) << (8 * b);
      }
      assertThat(Long.toHexString(word), PlanChunksFn.lineBreaksIn(word), is(breaks));
    }
  }

  private void assertChunksStartAtLineBeginningsAndCoverTheFile(int lines, long chunkBytes, int minChunks)
      throws Exception {
    Path file = dir.resolve("plan-" + lines + ".csv");
    writeFile(file, lines, 9L);
    byte[] bytes = Files.readAllBytes(file);
    Pipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<FileChunk> chunks =
        p.apply(FileIO.match().filepattern(file.toString()))
            .apply(FileIO.readMatches())
            .apply(ParDo.of(new PlanChunksFn(chunkBytes)))
            .setCoder(FileChunk.ChunkCoder.of());
    PAssert.that(chunks)
        .satisfies(
            planned -> {
              List<FileChunk> sorted = new ArrayList<>();
              planned.forEach(sorted::add);
              sorted.sort((a, b) -> Long.compare(a.startByte(), b.startByte()));
              assertThat(sorted.size(), greaterThan(minChunks));
              long expectedStart = 0;
              long newlinesBefore = 0;
              for (FileChunk chunk : sorted) {
                assertThat(chunk.startByte(), is(expectedStart));
                assertThat(chunk.firstLine(), is(newlinesBefore + 1));
                assertThat(chunk.startByte() == 0 || bytes[(int) chunk.startByte() - 1] == '\n', is(true));
                for (long i = chunk.startByte(); i < chunk.endByte(); i++) {
                  newlinesBefore += bytes[(int) i] == '\n' ? 1 : 0;
                }
                expectedStart = chunk.endByte();
              }
              assertThat(expectedStart, is((long) bytes.length));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void theChunkCoderRoundTripsAndIsDeterministic() throws Exception {
    FileChunk chunk = new FileChunk("/data/events-00000.csv", false, 8_388_608L, 16_777_300L, 61_234L);
    FileChunk whole = new FileChunk("/data/events.csv.gz", true, 0, Long.MAX_VALUE, 1);
    for (FileChunk value : List.of(chunk, whole)) {
      CoderProperties.coderDecodeEncodeEqual(FileChunk.ChunkCoder.of(), value);
      CoderProperties.coderDeterministic(FileChunk.ChunkCoder.of(), value, value);
    }
  }
}
