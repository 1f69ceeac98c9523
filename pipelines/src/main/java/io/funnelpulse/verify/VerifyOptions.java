package io.funnelpulse.verify;

import io.funnelpulse.pipelines.CommandOptions;
import io.funnelpulse.transforms.funnel.FunnelDimension;

/**
 * The settings of one {@code verify}, read from its options ({@link VerifyArguments}, where each is
 * described with its default): the input and output, the run's dimension, window size and Top-N, and
 * how strict the checks are.
 */
public final class VerifyOptions {
  /** The first line of {@code verify --help}; the options follow. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: verify --input=GLOB --output=DIR [options]",
      "Recomputes the run's tables with DuckDB from the raw input and checks the output against them.");
  private String input;
  private String output;
  private FunnelDimension dimension;
  private int windowSizeMinutes;
  private boolean strict;
  private int maxRows;
  private double quarantineWarnShare;
  private int recentWindows;
  private int topN;
  private int slidingPeriodMinutes;
  private int sessionGapMinutes;

  private VerifyOptions() {}

  /** Parses {@code --name=value} arguments ({@link VerifyArguments}); throws IllegalArgumentException naming a bad one. */
  public static VerifyOptions fromArgs(String[] args) {
    VerifyArguments arguments = CommandOptions.parse(args, VerifyArguments.class);
    VerifyOptions o = new VerifyOptions();
    o.input = arguments.getInput();
    o.output = arguments.getOutput();
    o.dimension = arguments.getDimension();
    o.windowSizeMinutes = arguments.getWindowSizeMinutes();
    o.strict = arguments.getStrict();
    o.maxRows = arguments.getMaxRows();
    o.quarantineWarnShare = arguments.getQuarantineWarnShare();
    o.recentWindows = arguments.getRecentWindows();
    o.topN = arguments.getTopN();
    o.slidingPeriodMinutes = arguments.getSlidingPeriodMinutes();
    o.sessionGapMinutes = arguments.getSessionGapMinutes();
    if (o.input == null || o.input.isEmpty() || o.output == null || o.output.isEmpty()) {
      throw new IllegalArgumentException("verify needs --input=<glob> and --output=<dir>");
    }
    if (o.windowSizeMinutes <= 0 || o.maxRows <= 0 || o.recentWindows < 0 || o.slidingPeriodMinutes <= 0
        || o.sessionGapMinutes <= 0) {
      throw new IllegalArgumentException(
          "windowSizeMinutes, maxRows, slidingPeriodMinutes and sessionGapMinutes must be positive");
    }
    return o;
  }

  /** A copy reading {@code newInput} (a glob, or a DuckDB list of files) instead of the input given. */
  VerifyOptions withInput(String newInput) {
    VerifyOptions o = new VerifyOptions();
    o.input = newInput;
    o.output = output;
    o.dimension = dimension;
    o.windowSizeMinutes = windowSizeMinutes;
    o.strict = strict;
    o.maxRows = maxRows;
    o.quarantineWarnShare = quarantineWarnShare;
    o.recentWindows = recentWindows;
    o.topN = topN;
    o.slidingPeriodMinutes = slidingPeriodMinutes;
    o.sessionGapMinutes = sessionGapMinutes;
    return o;
  }

  /** The run's --topN, to recompute top_products_hourly. */
  public int topN() {
    return topN;
  }

  /** The run's --slidingPeriodMinutes, to recompute conversion_sliding_brand. */
  public int slidingPeriodMinutes() {
    return slidingPeriodMinutes;
  }

  /** The run's --sessionGapMinutes, to recompute the session tables. */
  public int sessionGapMinutes() {
    return sessionGapMinutes;
  }

  public String input() {
    return input;
  }

  public String output() {
    return output;
  }

  public FunnelDimension dimension() {
    return dimension;
  }

  public int windowSizeMinutes() {
    return windowSizeMinutes;
  }

  public boolean strict() {
    return strict;
  }

  public int maxRows() {
    return maxRows;
  }

  public double quarantineWarnShare() {
    return quarantineWarnShare;
  }

  public int recentWindows() {
    return recentWindows;
  }
}
