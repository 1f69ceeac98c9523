package io.funnelpulse.pipelines;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The one way every subcommand declares and reads its options: a Beam {@link PipelineOptions}
 * interface ({@code FunnelPulseOptions} for {@code run}, {@code GenerateArguments},
 * {@code ReplayArguments}, {@code VerifyArguments} for the tools), parsed here. {@code --help} prints
 * the options with their descriptions and defaults; an enum option takes its value in any case
 * ({@code --source=watch}), and a value that is none of its constants fails with a message naming the
 * option and the accepted values.
 *
 * <pre>{@code
 * VerifyArguments arguments = CommandOptions.parse(args, VerifyArguments.class);
 * }</pre>
 */
public final class CommandOptions {
  private CommandOptions() {}

  /** The options {@code args} set, parsed into {@code type}; an IllegalArgumentException naming a bad one. */
  public static <T extends PipelineOptions> T parse(String[] args, Class<T> type) {
    Set<String> known = optionsOf(type);
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "' (options are --name=value)");
      }
      String name = nameOf(arg);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name + " (--help lists the options)");
      }
    }
    String[] resolved = withEnumsResolved(args, type);
    try {
      return PipelineOptionsFactory.fromArgs(resolved).withValidation().as(type);
    } catch (IllegalArgumentException e) {
      throw namingTheBadValue(resolved, type, e);
    }
  }

  /** Beam's message does not say which value it could not read: find it, one argument at a time. */
  private static IllegalArgumentException namingTheBadValue(
      String[] args, Class<? extends PipelineOptions> type, IllegalArgumentException failure) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).as(type);
      } catch (IllegalArgumentException e) {
        int eq = arg.indexOf('=');
        String value = eq < 0 ? "" : arg.substring(eq + 1);
        return new IllegalArgumentException(
            "Bad value for " + (eq < 0 ? arg : arg.substring(0, eq)) + ": '" + value + "' (" + e.getMessage() + ")", e);
      }
    }
    return failure;
  }

  /** Every option {@code type} takes: its own, its parents', and those of the options Beam has registered. */
  private static Set<String> optionsOf(Class<? extends PipelineOptions> type) {
    Set<String> names = new TreeSet<>();
    List<Class<? extends PipelineOptions>> all = new ArrayList<>(PipelineOptionsFactory.getRegisteredOptions());
    all.add(type);
    for (Class<? extends PipelineOptions> options : all) {
      for (Method method : options.getMethods()) {
        if (method.getName().startsWith("get") && method.getName().length() > 3 && method.getParameterCount() == 0) {
          names.add(optionName(method));
        }
        if (method.getName().startsWith("is") && method.getName().length() > 2 && method.getParameterCount() == 0) {
          names.add(Character.toLowerCase(method.getName().charAt(2)) + method.getName().substring(3));
        }
      }
    }
    return names;
  }

  /** The option an argument {@code --name=value} or {@code --name} gives, without dashes. */
  private static String nameOf(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
  }

  private static String optionName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** Whether the arguments ask for help ({@code --help} or {@code -h}). */
  public static boolean asksForHelp(String[] args) {
    return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
  }

  /** Prints {@code usage} and every option of {@code options} with its description and default. */
  public static void printHelp(PrintStream out, String usage, Class<? extends PipelineOptions> options) {
    out.println(usage);
    out.println();
    PipelineOptionsFactory.printHelp(out, options);
  }

  /** The names of the options {@code args} give ({@code --name=value} or {@code --name}), without dashes. */
  public static TreeSet<String> given(String[] args) {
    return Arrays.stream(args)
        .filter(arg -> arg.startsWith("--"))
        .map(CommandOptions::nameOf)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The names of the options {@code options} itself declares (not its parents'). */
  public static TreeSet<String> declaredIn(Class<? extends PipelineOptions> options) {
    TreeSet<String> names = new TreeSet<>();
    for (Method method : options.getDeclaredMethods()) {
      if (method.getName().startsWith("get") && method.getName().length() > 3 && method.getParameterCount() == 0) {
        names.add(optionName(method));
      }
    }
    return names;
  }

  /**
   * The arguments with the value of every enum option of {@code options} spelled as its constant;
   * an {@link IllegalArgumentException} naming the option and its accepted values if one is none.
   */
  public static String[] withEnumsResolved(String[] args, Class<? extends PipelineOptions> options) {
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
        resolved[i] = arg.substring(0, eq + 1) + anyEnumValue(arg.substring(0, eq), arg.substring(eq + 1), type).name();
      }
    }
    return resolved;
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
        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
        + " (in any case)");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Enum<?> anyEnumValue(String option, String value, Class<?> type) {
    return enumValue(option, value, (Class) type);
  }

  /** The enum-valued options of {@code options} and its parents, by option name. */
  static Map<String, Class<?>> enumOptions(Class<? extends PipelineOptions> options) {
    Map<String, Class<?>> enums = new TreeMap<>();
    for (Method method : options.getMethods()) {
      if (method.getName().startsWith("get") && method.getName().length() > 3
          && method.getParameterCount() == 0 && method.getReturnType().isEnum()) {
        enums.put(optionName(method), method.getReturnType());
      }
    }
    return enums;
  }
}
