package ai.ringrift.admin.schemas;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.registry.compat.SchemaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The value schema of every catalog topic, by subject ({@code <topic>-value}): as written in a
 * {@code schemas/} directory (what is about to ship), or as compiled into this build.
 */
final class ContractSchemas {
  private ContractSchemas() {}

  /**
   * The schemas of {@code directory} when given, else of {@code ./schemas} when it exists, else
   * this build's.
   */
  static Map<String, Source> of(TopicCatalog catalog, Path directory) {
    if (directory != null) {
      if (!Files.isDirectory(directory)) {
        throw new CliException("--schemas " + directory + " is not a directory");
      }
      return fromDirectory(catalog, directory);
    }
    Path local = Path.of("schemas");
    return Files.isDirectory(local.resolve("common"))
        ? fromDirectory(catalog, local)
        : builtIn(catalog);
  }

  /** The schemas compiled into this build. */
  static Map<String, Source> builtIn(TopicCatalog catalog) {
    Map<String, Source> schemas = new LinkedHashMap<>();
    for (TopicSpec topic : catalog.topics()) {
      topic
          .valueType()
          .ifPresent(
              type -> {
                String subject = topic.name() + "-value";
                schemas.put(
                    subject,
                    new Source(
                        subject,
                        "built-in " + type.getSimpleName(),
                        SpecificData.get().getSchema(type)));
              });
    }
    return schemas;
  }

  private static Map<String, Source> fromDirectory(TopicCatalog catalog, Path dir) {
    Map<String, Schema> files;
    try {
      files = SchemaFiles.contract(dir);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    Map<String, Source> schemas = new LinkedHashMap<>();
    for (Source builtIn : builtIn(catalog).values()) {
      String name = builtIn.origin().substring("built-in ".length());
      Path file = dir.resolve(name + ".avsc");
      Schema schema = files.get(name);
      if (schema == null) {
        throw new CliException(
            file + " is missing, but the catalog's " + builtIn.subject() + " carries " + name);
      }
      schemas.put(builtIn.subject(), new Source(builtIn.subject(), file.toString(), schema));
    }
    return schemas;
  }

  /**
   * One subject's schema and where it came from.
   *
   * @param subject e.g. {@code ringrift.training.completed-value}
   * @param origin the file, or {@code built-in <Type>}
   * @param schema the parsed schema
   */
  record Source(String subject, String origin, Schema schema) {}
}
