package ai.ringrift.stages.action.command;

import ai.ringrift.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line with placeholders, e.g. {@code python -m app.training.train --config {config}
 * --data {npz} --out {model}}. Split into arguments on white space (double quotes keep an argument
 * with spaces together); no shell is involved, so values are never re-interpreted. Every
 * placeholder must be one the stage provides: an unknown one fails at start-up, naming the key.
 */
public final class CommandTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  private final List<String> arguments;
  private final Set<String> placeholders;

  private CommandTemplate(List<String> arguments, Set<String> placeholders) {
    this.arguments = List.copyOf(arguments);
    this.placeholders = Set.copyOf(placeholders);
  }

  /**
   * Parses {@code template}.
   *
   * @param key the config key it came from, for error messages
   * @param known the placeholders the stage fills in
   * @throws ConfigException naming {@code key} for an empty template, an unbalanced quote or brace,
   *     or an unknown placeholder
   */
  public static CommandTemplate parse(String key, String template, Set<String> known) {
    if (template == null || template.isBlank()) {
      throw new ConfigException(key, "is required and must not be blank");
    }
    List<String> arguments = split(key, template);
    Set<String> used = new LinkedHashSet<>();
    for (String argument : arguments) {
      used.addAll(placeholdersOf(key, argument, known));
    }
    return new CommandTemplate(arguments, used);
  }

  /** Checks one templated value (an environment variable, say) against {@code known}. */
  public static Set<String> placeholdersOf(String key, String text, Set<String> known) {
    String stripped = PLACEHOLDER.matcher(text).replaceAll("");
    if (stripped.indexOf('{') >= 0 || stripped.indexOf('}') >= 0) {
      throw new ConfigException(
          key, "has a '{' or '}' that is not a placeholder like {config} in '" + text + "'");
    }
    Set<String> used = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        throw new ConfigException(
            key,
            "unknown placeholder {"
                + m.group(1)
                + "} in '"
                + text
                + "'; this stage provides "
                + new TreeSet<>(known));
      }
      used.add(m.group(1));
    }
    return used;
  }

  /** The placeholders the template uses. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /** The arguments with every placeholder replaced by its value. */
  public List<String> render(Map<String, String> values) {
    List<String> rendered = new ArrayList<>(arguments.size());
    for (String argument : arguments) {
      rendered.add(substitute(argument, values));
    }
    return List.copyOf(rendered);
  }

  /** {@code text} with every placeholder replaced by its value from {@code values}. */
  public static String substitute(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "placeholder {" + m.group(1) + "} has no value; the stage gave " + values.keySet());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> split(String key, String template) {
    List<String> arguments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean inArgument = false;
    for (char c : template.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inArgument = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inArgument) {
          arguments.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (quoted) {
      throw new ConfigException(key, "has an unclosed double quote in '" + template + "'");
    }
    if (inArgument) {
      arguments.add(current.toString());
    }
    return arguments;
  }

  @Override
  public String toString() {
    return String.join(" ", arguments);
  }
}
