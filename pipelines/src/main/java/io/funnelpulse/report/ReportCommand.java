package io.funnelpulse.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelpulse.io.LocalDirectories;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.pipelines.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The {@code report} subcommand: writes {@value #FILE_NAME} into a run's output directory, a page of
 * charts of its final views (see {@link ReportData}) that opens without a network.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.args="report --output=funnelpulse-output --brands=8"
 * </pre>
 */
public final class ReportCommand {
  /** The report's file name in the output directory. */
  public static final String FILE_NAME = "report.html";

  private ReportCommand() {}

  /** Runs report; returns 0 when the page was written, 2 on bad arguments or an output that is not a run's. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws IOException, SQLException {
    ReportOptions options;
    try {
      options = ReportOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      err.println("report: " + e.getMessage());
      return 2;
    }
    try {
      Path page = write(options);
      out.println("FunnelPulse report: " + page.toAbsolutePath());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("report: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Writes the report of {@code options}' output and returns its path; throws IllegalArgumentException
   * when the directory is not a run's output (no run summary and none of the tables).
   */
  public static Path write(ReportOptions options) throws IOException, SQLException {
    checkIsRunOutput(options.output());
    ObjectNode data = ReportData.read(options);
    Path page = options.output().resolve(FILE_NAME);
    Files.writeString(page, ReportPage.render(data), StandardCharsets.UTF_8);
    return page;
  }

  private static void checkIsRunOutput(Path output) throws IOException {
    if (!Files.isDirectory(output)) {
      throw new IllegalArgumentException(output + " is not a directory: --output must be a run's output directory");
    }
    if (Files.isRegularFile(output.resolve(RunSummary.FILE_NAME))
        || ReportData.funnelDimension(output).isPresent()
        || LocalDirectories.holdsParquetFiles(output.resolve(TableNames.DEAD_LETTER))) {
      return;
    }
    throw new IllegalArgumentException(output + " is not a FunnelPulse run's output: it holds no "
        + RunSummary.FILE_NAME + " and no funnel or dead-letter table");
  }
}
