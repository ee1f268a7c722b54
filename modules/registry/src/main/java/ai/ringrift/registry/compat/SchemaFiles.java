package ai.ringrift.registry.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Reads the event contract as it lies in {@code schemas/}: shared types in {@code common/} (in
 * whatever order they refer to each other), then one record per top-level {@code *.avsc}.
 */
public final class SchemaFiles {
  private SchemaFiles() {}

  /**
   * Every top-level schema of {@code dir}, keyed by file name without {@code .avsc}, with the
   * shared types of {@code dir/common} resolved.
   */
  public static Map<String, Schema> contract(Path dir) {
    List<String> common = orderedCommon(texts(dir.resolve("common")));
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : texts(dir).entrySet()) {
      Schema.Parser parser = new Schema.Parser();
      common.forEach(parser::parse);
      try {
        schemas.put(file.getKey(), parser.parse(file.getValue()));
      } catch (SchemaParseException e) {
        throw new IllegalArgumentException(
            dir.resolve(file.getKey() + ".avsc") + " is not a valid schema: " + e.getMessage(), e);
      }
    }
    return schemas;
  }

  /** Self-contained schemas of {@code dir} (as released), keyed by file name. */
  public static Map<String, Schema> standalone(Path dir) {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    texts(dir).forEach((name, text) -> schemas.put(name, new Schema.Parser().parse(text)));
    return schemas;
  }

  /** Orders the shared types so that each comes after the types it names. */
  private static List<String> orderedCommon(Map<String, String> pending) {
    List<String> ordered = new ArrayList<>();
    Map<String, String> left = new LinkedHashMap<>(pending);
    while (!left.isEmpty()) {
      String resolved = null;
      for (Map.Entry<String, String> candidate : left.entrySet()) {
        if (parses(ordered, candidate.getValue())) {
          resolved = candidate.getKey();
          ordered.add(candidate.getValue());
          break;
        }
      }
      if (resolved == null) {
        throw new IllegalArgumentException(
            "shared schemas " + left.keySet() + " refer to types that are nowhere defined");
      }
      left.remove(resolved);
    }
    return ordered;
  }

  private static boolean parses(List<String> before, String text) {
    Schema.Parser parser = new Schema.Parser();
    try {
      before.forEach(parser::parse);
      parser.parse(text);
      return true;
    } catch (SchemaParseException e) {
      return false;
    }
  }

  private static Map<String, String> texts(Path dir) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return texts;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        String name = file.getFileName().toString();
        texts.put(name.substring(0, name.length() - ".avsc".length()), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schemas in " + dir, e);
    }
    return texts;
  }
}
