package io.funnelpulse.deploy;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.TableSchemas;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.verify.VerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For the deployment tests: their input (the real REES46 sample, gzipped, beside a generated day with
 * malformed lines) and the check of a run's output (verify against DuckDB over that input).
 */
public final class DeployFixtures {
  /** The real sample's file name in {@code src/fixtures/}. */
  public static final String REAL_SAMPLE = "rees46-multicategory-2019-Nov-sample.csv.gz";
  /** Rows of the real sample, and those the cleaning quarantines (price 0.00). */
  public static final long REAL_ROWS = 10_034;
  public static final long REAL_QUARANTINED = 19;

  private DeployFixtures() {}

  /** A generated day (seeded, 1% malformed lines) in {@code files} files under {@code dir}. */
  public static GenerationReport generatedDay(Path dir, int files) throws IOException {
    return EventGenerator.of(
            GeneratorOptions.defaults()
                .withEvents(20_000)
                .withDays(1)
                .withFiles(files)
                .withSeed(20191115L)
                .withStart(Instant.parse("2019-11-15T00:00:00Z"))
                .withMalformedFraction(0.01))
        .writeTo(dir);
  }

  /** The deployment tests' input in {@code dir}: the real sample and a generated day in 2 files. */
  public static GenerationReport input(Path dir) throws IOException {
    realSample(dir);
    return generatedDay(dir, 2);
  }

  /** Copies the real sample into {@code dir}. */
  public static Path realSample(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.copy(ChildJvm.projectRoot().resolve("src/fixtures").resolve(REAL_SAMPLE), dir.resolve(REAL_SAMPLE));
  }

  /** Runs {@code verify} over {@code inputGlob} and the local {@code output}; returns its report text. */
  public static VerifyOutcome verify(String inputGlob, Path output) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      code = VerifyCommand.run(new String[] {"--input=" + inputGlob, "--output=" + output}, out);
    }
    return new VerifyOutcome(code, text.toString(StandardCharsets.UTF_8));
  }

  /**
   * The dead letters written under the local {@code output} from the real sample (their source names
   * it), counted by reason: its 19 rows priced 0.00, as {@code non_positive_price}, and nothing else.
   */
  public static Map<String, Long> realSampleDeadLettersByReason(Path output) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    try (DuckDbSession db = DuckDbSession.open()) {
      for (List<Object> row : db.query("SELECT reason, count(*) FROM read_parquet('" + output
          + "/" + TableNames.DEAD_LETTER + "/*.parquet') WHERE source LIKE '%" + REAL_SAMPLE
          + "%' GROUP BY 1")) {
        counts.put(row.get(0).toString(), ((Number) row.get(1)).longValue());
      }
    }
    return counts;
  }

  /** What {@code verify} returned and printed. */
  public record VerifyOutcome(int exitCode, String report) {}
}
