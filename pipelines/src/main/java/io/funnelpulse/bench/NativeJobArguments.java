package io.funnelpulse.bench;

import java.util.Locale;

/**
 * The command line of {@link NativeSparkSqlJob}: {@code --input} (a glob of REES46 CSV files),
 * {@code --output} (the directory the tables go under), {@code --tables} ({@code funnel} or
 * {@code default}) and {@code --master} (the Spark master, {@code local[2]} unless told).
 *
 * <pre>{@code
 * NativeJobArguments arguments = NativeJobArguments.parse(new String[] {"--input=in/*.csv", "--output=out"});
 * }</pre>
 */
final class NativeJobArguments {
  /** Which tables the job writes. */
  enum TableSet {
    /** The hourly brand funnel only. */
    FUNNEL,
    /** What FunnelPulse's default run writes, but the anomaly alerts. */
    DEFAULT
  }

  static final String USAGE = "usage: NativeSparkSqlJob --input=<glob of CSV files> --output=<dir> "
      + "[--tables=funnel|default] [--master=local[2]]";

  private final String input;
  private final String output;
  private final TableSet tables;
  private final String master;

  private NativeJobArguments(String input, String output, TableSet tables, String master) {
    this.input = input;
    this.output = output;
    this.tables = tables;
    this.master = master;
  }

  /**
   * The arguments in {@code args}, each {@code --name=value}.
   *
   * @throws IllegalArgumentException on an unknown option, a bad value or a missing input or output
   */
  static NativeJobArguments parse(String[] args) {
    String input = null;
    String output = null;
    TableSet tables = TableSet.DEFAULT;
    String master = "local[2]";
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
      }
      String value = arg.substring(eq + 1);
      switch (arg.substring(2, eq)) {
        case "input":
          input = value;
          break;
        case "output":
          output = value;
          break;
        case "tables":
          tables = tableSet(value);
          break;
        case "master":
          master = value;
          break;
        default:
          throw new IllegalArgumentException("Unknown option " + arg.substring(0, eq));
      }
    }
    if (input == null || input.isBlank() || output == null || output.isBlank()) {
      throw new IllegalArgumentException("--input and --output are required");
    }
    return new NativeJobArguments(input, output, tables, master);
  }

  private static TableSet tableSet(String value) {
    try {
      return TableSet.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Bad value for --tables: '" + value + "' (funnel or default)", e);
    }
  }

  String input() {
    return input;
  }

  String output() {
    return output;
  }

  TableSet tables() {
    return tables;
  }

  String master() {
    return master;
  }

  @Override
  public String toString() {
    return "--input=" + input + " --output=" + output + " --tables=" + tables.name().toLowerCase(Locale.ROOT)
        + " --master=" + master;
  }
}
