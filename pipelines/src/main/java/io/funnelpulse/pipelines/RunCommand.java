package io.funnelpulse.pipelines;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.FunnelTableReader;
import io.funnelpulse.io.ReadEventFiles;
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
    String[] merged = RunnerProfile.fromSystemProperty().mergeUnder(args);
    FunnelPulseOptions options =
        PipelineOptionsFactory.fromArgs(merged).withValidation().as(FunnelPulseOptions.class);
    if (options.getInput().isEmpty()) {
      options.setInput(generateSample(options, out));
    }
    return run(options, out);
  }

  /** Runs with ready options and prints the summary to {@code out}. */
  public static RunSummary run(FunnelPulseOptions options, PrintStream out) throws IOException {
    out.printf("FunnelPulse: %s over %s -> %s%n",
        options.getRunner().getSimpleName(), options.getInput(), options.getOutput());
    long start = System.nanoTime();
    Pipeline pipeline = Pipeline.create(options);
    FunnelPipeline.build(pipeline, options, ReadEventFiles.from(options.getInput()));
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Pipeline ended in state " + state);
    }
    Path outputDir = Paths.get(options.getOutput());
    FunnelTableReader reader = FunnelTableReader.of(outputDir, options.getDimension());
    RunSummary summary =
        new RunSummary(
            options.getRunner().getSimpleName(),
            seconds,
            RunMetrics.of(result),
            outputDir,
            reader.tableDir(),
            reader.finalView());
    out.print(summary.toText());
    out.printf("  summary           %s%n", summary.writeJson().toAbsolutePath());
    return summary;
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
