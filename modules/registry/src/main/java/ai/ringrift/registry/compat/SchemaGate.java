package ai.ringrift.registry.compat;

import ai.ringrift.registry.compat.CompatibilityChecker.VersionedSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The build's compatibility gate: every schema in {@code schemas/} must be compatible, at a level
 * (BACKWARD in the build), with its released version in {@code schemas/released/<Name>.avsc} (a
 * self-contained schema: shared types inlined). A schema with no released version yet passes; it is
 * released by {@link #release}.
 */
public final class SchemaGate {
  /** Where released versions live, under the schema directory. */
  public static final String RELEASED = "released";

  private SchemaGate() {}

  /**
   * What breaks compatibility between the schemas of {@code schemaDir} and their released versions;
   * empty when the contract may ship.
   */
  public static List<Violation> check(Path schemaDir, CompatibilityLevel level) {
    Map<String, Schema> current = SchemaFiles.contract(schemaDir);
    Map<String, Schema> released = SchemaFiles.standalone(schemaDir.resolve(RELEASED));
    List<Violation> violations = new ArrayList<>();
    current.forEach(
        (name, schema) -> {
          Schema before = released.get(name);
          if (before != null) {
            CompatibilityChecker.check(schema, List.of(new VersionedSchema(1, before)), level)
                .forEach(i -> violations.add(new Violation(name, i)));
          }
        });
    return List.copyOf(violations);
  }

  /** Writes every current schema of {@code schemaDir} as its released version. */
  public static void release(Path schemaDir) {
    Path target = schemaDir.resolve(RELEASED);
    try {
      Files.createDirectories(target);
      for (Map.Entry<String, Schema> e : SchemaFiles.contract(schemaDir).entrySet()) {
        Files.writeString(target.resolve(e.getKey() + ".avsc"), e.getValue().toString(true) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release schemas to " + target, e);
    }
  }

  /**
   * One schema file that may not ship as it is.
   *
   * @param schema file name without {@code .avsc}
   * @param problem what breaks, naming the field
   */
  public record Violation(String schema, Incompatibility problem) {
    @Override
    public String toString() {
      return "schemas/" + schema + ".avsc is not compatible with its released version: " + problem;
    }
  }
}
