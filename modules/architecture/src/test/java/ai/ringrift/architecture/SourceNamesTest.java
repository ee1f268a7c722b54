package ai.ringrift.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Class names are imported, not written out: a fully qualified {@code ai.ringrift} class name in
 * code, Javadoc or a string hides a dependency from the import lines (and from a reader), and a
 * class name in a string is reflection the compiler cannot check; ServiceLoader or a typed registry
 * passed in says the same thing visibly.
 */
final class SourceNamesTest {

  private static final Pattern QUALIFIED_CLASS_NAME =
      Pattern.compile("\\bai\\.ringrift(\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");

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
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("import ") || line.startsWith("package ")) {
          continue;
        }
        if (QUALIFIED_CLASS_NAME.matcher(line).find()) {
          found.add(modules.relativize(source) + ":" + (i + 1) + ": " + line);
        }
      }
    }
    assertThat(sources).as("main sources read under %s", modules).hasSizeGreaterThan(200);
    assertThat(found).as("fully qualified ai.ringrift class names outside import lines").isEmpty();
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> path.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
