package io.funnelpulse.pipelines;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.StorageDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The {@code run} subcommand: runs the funnel job over the input files (or a generated built-in sample
 * when no input is given), waits for it, and prints and saves the run summary.
 */
public final class RunCommand {
  /** Sub-directory of the output where the built-in sample input is generated. */
  public static final String SAMPLE_INPUT_DIR = "sample-input";

  private RunCommand() {}

  /** Parses options (profile options merged under {@code args}), runs, returns the summary. */
  public static RunSummary run(String[] args, PrintStream out) throws IOException {
    return run(withSample(parse(args), out), out);
  }

  private static FunnelPulseOptions parse(String[] args) {
    String[] merged = RunnerProfile.fromSystemProperty().mergeUnder(args);
    return PipelineOptionsFactory.fromArgs(merged).withValidation().as(FunnelPulseOptions.class);
  }

  private static FunnelPulseOptions withSample(FunnelPulseOptions options, PrintStream out)
      throws IOException {
    if (options.getInput().isEmpty()) {
      options.setInput(generateSample(options, out));
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
    FunnelPulseOptions options;
    try {
      options = parse(args);
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
      return state == PipelineResult.State.DONE || state == PipelineResult.State.CANCELLED ? 0 : 1;
    }
    run(withSample(options, out), out);
    return 0;
  }

  /** Runs a bounded job with ready options and prints the summary to {@code out}. */
  public static RunSummary run(FunnelPulseOptions options, PrintStream out) throws IOException {
    if (options.getSource() != EventSource.FILES) {
      throw new IllegalArgumentException("A bounded run reads --source=FILES; use execute() to stream");
    }
    out.printf("FunnelPulse: %s over %s -> %s%n",
        options.getRunner().getSimpleName(), options.getInput(), options.getOutput());
    clearPreviousTables(options);
    long start = System.nanoTime();
    Pipeline pipeline = Pipeline.create(options);
    FunnelPipeline.build(pipeline, options, options.getSource().transform(options));
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Pipeline ended in state " + state);
    }
    RunSummary summary = RunSummary.of(options, result, seconds, null);
    out.print(summary.toText());
    out.printf("  summary           %s%n", summary.writeJson());
    return summary;
  }

  /**
   * A batch run owns its tables: files of an earlier run into the same directory (windows or dead
   * letters this run does not produce) are removed first, so the output is exactly this run's. The
   * earlier run's summary goes too: until this run writes its own, nothing says the output is complete.
   */
  private static void clearPreviousTables(FunnelPulseOptions options) throws IOException {
    StorageDirectory outputDir = StorageDirectory.of(options.getOutput(), options);
    outputDir.deleteChild(RunSummary.FILE_NAME);
    for (String table : OutputTables.of(options)) {
      outputDir.deleteChild(table);
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
