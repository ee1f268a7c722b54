package ai.ringrift.admin.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One config file's part of the reference: its opening comment, records and key table. */
final class FileSection {
  private FileSection() {}

  static String render(Path file, List<ConfigReference.Binding> bindings) {
    YamlOutline.Outline outline = YamlOutline.read(lines(file));
    StringBuilder md = new StringBuilder();
    md.append("\n## ").append(file.getFileName()).append("\n\n");
    if (!outline.preamble().isEmpty()) {
      md.append(outline.preamble()).append("\n\n");
    }
    if (!bindings.isEmpty()) {
      md.append("Loaded into: ")
          .append(
              bindings.stream()
                  .map(
                      b ->
                          "`"
                              + (b.path().isEmpty() ? "(the file)" : b.path())
                              + "` → `"
                              + b.type().getName()
                              + "`")
                  .collect(Collectors.joining(", ")))
          .append(".\n\n");
    }
    md.append("| Key | Type | Value | Description |\n|---|---|---|---|\n");
    for (YamlOutline.Key key : outline.keys()) {
      Optional<Type> type = ConfigReference.typeOf(bindings, key.path());
      md.append("| `")
          .append(key.path())
          .append("` | ")
          .append(type.map(t -> cell(RecordTypes.name(t))).orElse("-"))
          .append(" | ")
          .append(key.value().isEmpty() ? "" : "`" + cell(key.value()) + "`")
          .append(" | ")
          .append(cell(key.description()))
          .append(" |\n");
    }
    return md.toString();
  }

  /** Text safe inside a Markdown table cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
