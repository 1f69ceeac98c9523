package io.funnelpulse.verify;

import io.funnelpulse.pipelines.CommandArgs;
import io.funnelpulse.transforms.funnel.FunnelDimension;

/**
 * Options of {@code verify}: {@code --input=<glob> --output=<dir>} (required), {@code --dimension},
 * {@code --windowSizeMinutes} (as the run), {@code --strict} (warnings fail), {@code --maxRows} (rows
 * listed per failed check), {@code --quarantineWarnShare} (a reason above this share of records read is
 * a warning), {@code --recentWindows} (how many of the last input windows must be present), {@code --topN} (as
 * the run).
 */
public final class VerifyOptions {
  /** {@code verify --help}: every option with its default. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: verify --input=GLOB --output=DIR [options]",
      "Recomputes the run's tables with DuckDB from the raw input and checks the output against them.",
      "  --input=GLOB                 the event files the run read (required)",
      "  --output=DIR                 the run's output directory (required)",
      "  --dimension=BRAND            BRAND, CATEGORY or NONE (any case), as the run",
      "  --windowSizeMinutes=60       as the run",
      "  --topN=10                    as the run",
      "  --strict                     warnings fail too",
      "  --maxRows=10                 rows listed per failed check",
      "  --quarantineWarnShare=0.05   a dead-letter reason above this share of records read is a warning",
      "  --recentWindows=3            how many of the input's last windows must have output");
  private String input;
  private String output;
  private FunnelDimension dimension = FunnelDimension.BRAND;
  private int windowSizeMinutes = 60;
  private boolean strict;
  private int maxRows = 10;
  private double quarantineWarnShare = 0.05;
  private int recentWindows = 3;
  private int topN = 10;

  private VerifyOptions() {}

  /** Parses {@code --name=value} arguments; throws IllegalArgumentException naming a bad one. */
  public static VerifyOptions fromArgs(String[] args) {
    VerifyOptions o = new VerifyOptions();
    CommandArgs.forEach(
        args,
        (name, value) -> {
          switch (name) {
            case "--input":
              o.input = value;
              break;
            case "--output":
              o.output = value;
              break;
            case "--dimension":
              o.dimension = CommandArgs.enumValue(name, value, FunnelDimension.class);
              break;
            case "--windowSizeMinutes":
              o.windowSizeMinutes = Integer.parseInt(value);
              break;
            case "--strict":
              o.strict = value.isEmpty() || Boolean.parseBoolean(value);
              break;
            case "--maxRows":
              o.maxRows = Integer.parseInt(value);
              break;
            case "--quarantineWarnShare":
              o.quarantineWarnShare = Double.parseDouble(value);
              break;
            case "--recentWindows":
              o.recentWindows = Integer.parseInt(value);
              break;
            case "--topN":
              o.topN = Integer.parseInt(value);
              break;
            default:
              throw new IllegalArgumentException("Unknown option " + name);
          }
        });
    if (o.input == null || o.input.isEmpty() || o.output == null || o.output.isEmpty()) {
      throw new IllegalArgumentException("verify needs --input=<glob> and --output=<dir>");
    }
    if (o.windowSizeMinutes <= 0 || o.maxRows <= 0 || o.recentWindows < 0) {
      throw new IllegalArgumentException("windowSizeMinutes and maxRows must be positive");
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
    return o;
  }

  /** The run's --topN, to recompute top_products_hourly. */
  public int topN() {
    return topN;
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
