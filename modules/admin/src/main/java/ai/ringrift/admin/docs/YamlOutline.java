package ai.ringrift.admin.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The keys of a block-style YAML file as the config files are written: each key with its dotted
 * path, its value as written, and the comments that describe it (the comment lines right above it
 * and the comment at the end of its line). Jackson drops comments, and the comments are the
 * documentation, so this reads the lines.
 */
final class YamlOutline {
  /** How many list items a value shows before it only counts them. */
  static final int MAX_ITEMS = 10;

  /** One key of the file. */
  record Key(String path, String value, String description) {}

  /** The file's keys, in file order, and its opening comment. */
  record Outline(String preamble, List<Key> keys) {}

  private YamlOutline() {}

  static Outline read(List<String> lines) {
    List<String> preamble = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    List<List<String>> items = new ArrayList<>();
    Deque<int[]> indents = new ArrayDeque<>();
    Deque<String> path = new ArrayDeque<>();
    boolean started = false;
    for (String line : lines) {
      String text = line.strip();
      int indent = line.length() - line.stripLeading().length();
      if (text.isEmpty()) {
        if (!started) {
          preamble.addAll(pending);
        }
        pending.clear();
      } else if (text.startsWith("#")) {
        pending.add(text.replaceFirst("^#+ ?", ""));
      } else if (text.startsWith("- ")) {
        items.get(items.size() - 1).add(split(text.substring(2))[0]);
      } else if (!keys.isEmpty() && continues(keys.get(keys.size() - 1).value(), text)) {
        // a flow list or plain text that goes on over several lines
        Key last = keys.remove(keys.size() - 1);
        keys.add(new Key(last.path(), last.value() + " " + split(text)[0], last.description()));
      } else {
        started = true;
        while (!indents.isEmpty() && indents.peek()[0] >= indent) {
          indents.pop();
          path.pop();
        }
        int colon = text.indexOf(':');
        String name = text.substring(0, colon).strip();
        String[] valueAndComment = split(text.substring(colon + 1));
        indents.push(new int[] {indent});
        path.push(name);
        List<String> description = new ArrayList<>(pending);
        if (!valueAndComment[1].isEmpty()) {
          description.add(valueAndComment[1]);
        }
        pending.clear();
        keys.add(new Key(dotted(path), valueAndComment[0], String.join(" ", description)));
        items.add(new ArrayList<>());
      }
    }
    return new Outline(String.join(" ", preamble), withItems(keys, items));
  }

  private static boolean continues(String value, String line) {
    long open = value.chars().filter(c -> c == '[' || c == '{').count();
    long closed = value.chars().filter(c -> c == ']' || c == '}').count();
    return open > closed || !line.contains(":");
  }

  /** A value with its list items, when it has some ({@code - {…}} lines below it). */
  private static List<Key> withItems(List<Key> keys, List<List<String>> items) {
    List<Key> result = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      List<String> list = items.get(i);
      if (list.isEmpty()) {
        result.add(key);
      } else {
        String value =
            list.size() > MAX_ITEMS
                ? list.size() + " entries"
                : "[" + String.join(", ", list) + "]";
        result.add(new Key(key.path(), value, key.description()));
      }
    }
    return result;
  }

  /** {@code value # comment} into the value and the comment: a '#' after a blank, not quoted. */
  private static String[] split(String rest) {
    char quote = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && i > 0 && rest.charAt(i - 1) == ' ') {
        return new String[] {rest.substring(0, i).strip(), rest.substring(i + 1).strip()};
      }
    }
    return new String[] {rest.strip(), ""};
  }

  private static String dotted(Deque<String> path) {
    List<String> names = new ArrayList<>(path);
    java.util.Collections.reverse(names);
    return String.join(".", names);
  }
}
