package io.funnelpulse.verify;

import io.funnelpulse.io.LocalDirectories;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.sql.DuckDbSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verify} subcommand: recomputes the funnel from the raw input with DuckDB, compares it with
 * the written final view, runs the data-quality and conservation checks, prints the report, writes
 * {@value VerifyReport#FILE_NAME} and exits non-zero on any failure.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.args="verify --input=/data/*.csv --output=funnelpulse-output"
 * </pre>
 */
public final class VerifyCommand {
  private VerifyCommand() {}

  /** Runs verify; returns 0 when it passed, 1 when a check failed, 2 on bad arguments. */
  public static int run(String[] args, PrintStream out) throws IOException, SQLException {
    VerifyOptions options;
    try {
      options = VerifyOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      out.println("verify: " + e.getMessage());
      return 2;
    }
    VerifyReport report = verify(options);
    out.print(report.toText());
    out.println("  report: " + report.writeJson(Paths.get(options.output())).toAbsolutePath());
    return report.passed() ? 0 : 1;
  }

  /** Runs every check and returns the report. */
  public static VerifyReport verify(VerifyOptions options) throws IOException, SQLException {
    Path table = Paths.get(options.output(), options.dimension().tableName());
    List<CheckResult> results = new ArrayList<>();
    if (!LocalDirectories.holdsParquetFiles(table)) {
      results.add(CheckResult.fail("funnel_table_present", "no funnel Parquet files under " + table, List.of()));
      return new VerifyReport(results, options.strict());
    }
    Path scratch = Files.createTempDirectory("funnelpulse-verify");
    try (DuckDbSession db = DuckDbSession.open()) {
      StreamLeftOut leftOut = StreamLeftOut.apply(db, options, scratch);
      VerifyOptions reference = leftOut.options();
      results.addAll(leftOut.results());
      results.addAll(new OutputChecks(db, reference).run());
      results.addAll(new ConservationChecks(db, reference).run());
      if (LocalDirectories.holdsParquetFiles(Paths.get(options.output(), TableNames.VISITORS))) {
        results.addAll(new ClickstreamChecks(db, reference).run());
      }
      if (LocalDirectories.holdsParquetFiles(Paths.get(options.output(), TableNames.SESSIONS))) {
        results.addAll(new SessionChecks(db, reference).run());
      }
      if (LocalDirectories.holdsParquetFiles(Paths.get(options.output(), TableNames.CONVERSION_SLIDING_BRAND))) {
        results.addAll(new SlidingConversionChecks(db, reference).run());
      }
    } finally {
      LocalDirectories.deleteTree(scratch);
    }
    return new VerifyReport(results, options.strict());
  }
}
