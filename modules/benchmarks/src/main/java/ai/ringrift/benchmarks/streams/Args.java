package ai.ringrift.benchmarks.streams;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} options and repeated {@code --set key=value}. */
final class Args {
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Map<String, String> sets = new LinkedHashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("expected --option, got " + name);
      }
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      String value = flag ? "true" : args[++i];
      if (name.equals("--set")) {
        int eq = value.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--set needs key=value, got " + value);
        }
        sets.put(value.substring(0, eq), value.substring(eq + 1));
      } else {
        options.put(name.substring(2), value);
      }
    }
  }

  String get(String name, String otherwise) {
    return options.getOrDefault(name, otherwise);
  }

  int integer(String name, int otherwise) {
    return Integer.parseInt(get(name, Integer.toString(otherwise)));
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(get(name, "false"));
  }

  /** The {@code --set} Streams properties. */
  Map<String, String> sets() {
    return sets;
  }
}
