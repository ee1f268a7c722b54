package ai.ringrift.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Class names are imported, not written out: a fully qualified {@code ai.ringrift} class name in
 * code or in a Javadoc link hides a dependency from the import lines (and from a reader), and a
 * class name in a string is reflection the compiler cannot check; ServiceLoader or a typed registry
 * passed in says the same thing visibly. Prose may still name what is not a Java reference: a
 * {@code META-INF/services} file, a Kafka setting's value, an Avro schema's full name.
 */
final class SourceNamesTest {

  private static final String QUALIFIED =
      "(?<name>ai\\.ringrift(\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*)";
  private static final Pattern IN_CODE = Pattern.compile("\\b" + QUALIFIED);
  private static final Pattern IN_JAVADOC =
      Pattern.compile("(\\{@link(plain)?|@see|@throws|@exception)\\s+(\\*\\s+)*" + QUALIFIED);

  @Test
  void mainCodeWritesNoFullyQualifiedClassNamesOfItsOwn() throws IOException {
    Path modules = Path.of(System.getProperty("ringrift.modules", "..")).toAbsolutePath();
    List<Path> sources;
    try (Stream<Path> moduleDirs = Files.list(modules)) {
      sources =
          moduleDirs
              .map(module -> module.resolve("src/main/java"))
              .filter(Files::isDirectory)
              .flatMap(SourceNamesTest::javaFiles)
              .toList();
    }
    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      String text = Files.readString(source);
      String where = modules.relativize(source).toString();
      report(found, where, text, IN_JAVADOC.matcher(text));
      String code = codeOnly(text);
      report(found, where, code, IN_CODE.matcher(code));
    }
    assertThat(sources).as("main sources read under %s", modules).hasSizeGreaterThan(200);
    assertThat(found)
        .as("fully qualified ai.ringrift class names where an import would do")
        .isEmpty();
  }

  @Test
  void theScanFindsNamesInCodeStringsAndLinksButNotInProse() {
    String source =
        """
        package ai.ringrift.x;

        import ai.ringrift.y.Imported;

        /** See {@link
         *     ai.ringrift.y.Linked}; the file META-INF/services/ai.ringrift.y.Named is prose. */
        class X {
          // a comment naming ai.ringrift.y.Commented is prose too
          Object a = new ai.ringrift.y.Written();
          Object b = Class.forName("ai.ringrift.y.Reflected");
        }
        """;
    List<String> found = new ArrayList<>();
    report(found, "X.java", source, IN_JAVADOC.matcher(source));
    String code = codeOnly(source);
    report(found, "X.java", code, IN_CODE.matcher(code));

    assertThat(found)
        .containsExactly(
            "X.java:6: *     ai.ringrift.y.Linked}; the file META-INF/services/ai.ringrift.y.Named is prose. */",
            "X.java:9: Object a = new ai.ringrift.y.Written();",
            "X.java:10: Object b = Class.forName(\"ai.ringrift.y.Reflected\");");
  }

  private static void report(List<String> found, String where, String text, Matcher matcher) {
    while (matcher.find()) {
      int line =
          (int) text.substring(0, matcher.start("name")).chars().filter(c -> c == '\n').count();
      String lineText = text.lines().skip(line).findFirst().orElse("").strip();
      if (!lineText.startsWith("import ") && !lineText.startsWith("package ")) {
        found.add(where + ":" + (line + 1) + ": " + lineText);
      }
    }
  }

  /** The text with every comment blanked out (line breaks kept); string literals stay. */
  static String codeOnly(String text) {
    StringBuilder code = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        end = end < 0 ? text.length() : end + 3;
        code.append(text, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != c) {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end + 1, text.length());
        code.append(text, i, end);
        i = end;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        text.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> code.append('\n'));
        i = end;
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> path.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
