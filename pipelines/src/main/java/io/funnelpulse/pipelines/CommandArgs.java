package io.funnelpulse.pipelines;

/**
 * Reads the arguments of a subcommand, {@code --name=value} or a bare {@code --flag} (empty value),
 * handing each to a handler; a number that does not parse becomes an IllegalArgumentException naming
 * the option.
 *
 * <pre>{@code
 * CommandArgs.forEach(args, (name, value) -> { switch (name) { case "--to": ... } });
 * }</pre>
 */
public final class CommandArgs {
  /** Takes one option. */
  @FunctionalInterface
  public interface OptionHandler {
    void accept(String name, String value);
  }

  private CommandArgs() {}

  /** Calls {@code handler} for each argument in order. */
  public static void forEach(String[] args, OptionHandler handler) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      try {
        handler.accept(name, value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Bad value for " + name + ": '" + value + "'", e);
      }
    }
  }

  /**
   * The constant of {@code type} named by {@code value} in any case; an IllegalArgumentException
   * naming the option and the accepted values if there is none.
   */
  public static <E extends Enum<E>> E enumValue(String option, String value, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.trim())) {
        return constant;
      }
    }
    throw new IllegalArgumentException(option + "=" + value + ": not a value it accepts; accepted values are "
        + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
            .collect(java.util.stream.Collectors.joining(", ")) + " (in any case)");
  }
}
