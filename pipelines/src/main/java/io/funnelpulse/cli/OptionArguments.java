package io.funnelpulse.cli;

import io.funnelpulse.pipelines.CommandArgs;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The arguments of a subcommand whose options are declared as a Beam {@link PipelineOptions}
 * interface, before Beam parses them: {@code --help} prints the options with their descriptions and
 * defaults, and an enum option takes its value in any case ({@code --source=watch}); a value that is
 * none of the enum's constants fails with a message naming the option and the accepted values.
 */
final class OptionArguments {
  private OptionArguments() {}

  /** Whether the arguments ask for help ({@code --help} or {@code -h}). */
  static boolean asksForHelp(String[] args) {
    return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
  }

  /** Prints {@code command}'s usage and every option of {@code options} with description and default. */
  static void printHelp(PrintStream out, String usage, Class<? extends PipelineOptions> options) {
    out.println(usage);
    out.println();
    PipelineOptionsFactory.printHelp(out, options);
  }

  /**
   * The arguments with the value of every enum option of {@code options} spelled as its constant;
   * an {@link IllegalArgumentException} naming the option and its accepted values if one is none.
   */
  static String[] withEnumsResolved(String[] args, Class<? extends PipelineOptions> options) {
    Map<String, Class<?>> enums = enumOptions(options);
    String[] resolved = args.clone();
    for (int i = 0; i < resolved.length; i++) {
      String arg = resolved[i];
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        continue;
      }
      Class<?> type = enums.get(arg.substring(2, eq));
      if (type != null) {
        resolved[i] = arg.substring(0, eq + 1) + enumValue(arg.substring(0, eq), arg.substring(eq + 1), type);
      }
    }
    return resolved;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String enumValue(String option, String value, Class<?> type) {
    return CommandArgs.enumValue(option, value, (Class) type).name();
  }

  /** The enum-valued options of {@code options} and its parents, by option name. */
  static Map<String, Class<?>> enumOptions(Class<? extends PipelineOptions> options) {
    Map<String, Class<?>> enums = new TreeMap<>();
    for (Method method : options.getMethods()) {
      if (method.getName().startsWith("get") && method.getName().length() > 3
          && method.getParameterCount() == 0 && method.getReturnType().isEnum()) {
        String name = method.getName().substring(3);
        enums.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), method.getReturnType());
      }
    }
    return enums;
  }
}
