package io.funnelpulse.cli;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.StorageDirectory;
import io.funnelpulse.pipelines.BatchJob;
import io.funnelpulse.pipelines.CommandOptions;
import io.funnelpulse.pipelines.FunnelPulseOptions;
import io.funnelpulse.pipelines.RunPreflight;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.pipelines.RunnerProfile;
import io.funnelpulse.pipelines.SparkCheckpointCheck;
import io.funnelpulse.pipelines.StreamingJob;
import io.funnelpulse.report.ReportCommand;
import io.funnelpulse.report.ReportOptions;
import io.funnelpulse.sql.DuckDbSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The {@code run} subcommand: parses and checks the job's options, generates the built-in sample when
 * no input is given, and runs the job over files to the end ({@link BatchJob}) or as a stream until it
 * stops ({@link StreamingJob}).
 */
public final class RunCommand {
  /** Sub-directory of the output where the built-in sample input is generated. */
  public static final String SAMPLE_INPUT_DIR = "sample-input";

  private RunCommand() {}

  /** Parses options (profile options merged under {@code args}), runs, returns the summary. */
  public static RunSummary run(String[] args, PrintStream out) throws IOException {
    return BatchJob.run(withSample(parse(args), out), out);
  }

  /** The first lines of {@code run --help}; the options follow. */
  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: run [--input=GLOB] [--output=DIR] [--source=FILES|WATCH|KAFKA] [--runner=DirectRunner|SparkRunner]",
      "           [--option=value ...]",
      "Runs the job over files to the end, or as a stream (--source=WATCH or KAFKA) until it is stopped;",
      "without --input, over a generated built-in sample. Enum values are accepted in any case.");

  private static FunnelPulseOptions parse(String[] args) {
    String[] merged = RunnerProfile.fromSystemProperty().mergeUnder(args);
    return CommandOptions.parse(merged, FunnelPulseOptions.class);
  }

  private static FunnelPulseOptions withSample(FunnelPulseOptions options, PrintStream out)
      throws IOException {
    if (options.getInput().isEmpty()) {
      options.setInput(generateSample(options, out));
      options.setReport(true);
    }
    return options;
  }

  /**
   * The {@code run} subcommand: a bounded run with its summary, or with {@code --source=WATCH} or
   * {@code KAFKA} a streaming run until it ends. Returns the exit code: 2, with one message, for bad
   * arguments (options that do not parse, an input that matches nothing, an unknown scheme, a master
   * that does not answer, a Spark checkpoint with no whole checkpoint file), before anything is written.
   */
  public static int execute(String[] args, PrintStream out) throws IOException {
    return execute(args, out, System.err);
  }

  /** As {@link #execute(String[], PrintStream)}, with the message of a bad argument printed to {@code err}. */
  public static int execute(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (CommandOptions.asksForHelp(args)) {
      CommandOptions.printHelp(out, USAGE, FunnelPulseOptions.class);
      return 0;
    }
    FunnelPulseOptions options;
    try {
      options = parse(args);
      if (options.getInput().isEmpty() && !FunnelPulse.toolsPresent()) {
        throw new IllegalArgumentException("--input is required: the job jar leaves out the generator of the "
            + "built-in sample");
      }
      RunPreflight.check(options);
      if (options.getSource().isStreaming()) {
        SparkCheckpointCheck.prepare(options, out);
      }
    } catch (IllegalArgumentException e) {
      err.println("FunnelPulse: " + e.getMessage());
      return 2;
    }
    if (options.getSource().isStreaming()) {
      PipelineResult.State state = StreamingJob.runUntilStopped(options, out);
      boolean clean = state == PipelineResult.State.DONE || state == PipelineResult.State.CANCELLED;
      if (clean) {
        reportIfAsked(options, out, err);
      }
      return clean ? 0 : 1;
    }
    BatchJob.run(withSample(options, out), out);
    reportIfAsked(options, out, err);
    return 0;
  }

  /** With {@code --report}, writes the report of the output and prints where, or why it was not written. */
  private static void reportIfAsked(FunnelPulseOptions options, PrintStream out, PrintStream err) {
    if (!options.getReport()) {
      return;
    }
    if (StorageDirectory.isRemote(options.getOutput())) {
      out.println("  report            not written: the output is not on this machine's file system");
    } else if (!FunnelPulse.toolsPresent() || !DuckDbSession.available()) {
      out.println("  report            not written: the job jar leaves the report out; from a checkout: "
          + "mvn -q compile exec:java -Dexec.args=\"report --output=" + options.getOutput() + "\"");
    } else {
      Reports.write(options.getOutput(), out, err);
    }
  }

  /** The report, in a class of its own so that the job jar, which leaves it out, never loads it. */
  private static final class Reports {
    static void write(String output, PrintStream out, PrintStream err) {
      try {
        out.println("  report            " + ReportCommand.write(ReportOptions.of(Paths.get(output))).toAbsolutePath());
      } catch (IOException | SQLException | RuntimeException e) {
        err.println("FunnelPulse: the run finished, but its report could not be written: " + e);
      }
    }
  }

  private static String generateSample(FunnelPulseOptions options, PrintStream out)
      throws IOException {
    Path dir = Paths.get(options.getOutput(), SAMPLE_INPUT_DIR);
    GeneratorOptions sample =
        GeneratorOptions.defaults()
            .withEvents(options.getSampleEvents())
            .withDays(options.getSampleDays());
    GenerationReport report = EventGenerator.of(sample).writeTo(dir);
    out.printf("No --input given: generated the built-in sample (%s)%n", report);
    return dir.toAbsolutePath() + "/*.csv";
  }
}
