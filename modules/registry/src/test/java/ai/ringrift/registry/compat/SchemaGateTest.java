package ai.ringrift.registry.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's compatibility gate: the contract in schemas/ must stay BACKWARD compatible with
 * schemas/released/. Fails the build naming the schema and the field.
 */
class SchemaGateTest {
  static final Path SCHEMAS = Path.of("../../schemas");

  @Test
  void everySchemaIsBackwardCompatibleWithItsReleasedVersion() {
    List<SchemaGate.Violation> violations = SchemaGate.check(SCHEMAS, CompatibilityLevel.BACKWARD);
    assertThat(violations)
        .as(String.join("\n", violations.stream().map(Object::toString).toList()))
        .isEmpty();
  }

  @Test
  void everySchemaHasAReleasedVersion() {
    assertThat(SchemaFiles.standalone(SCHEMAS.resolve(SchemaGate.RELEASED)).keySet())
        .containsExactlyInAnyOrderElementsOf(SchemaFiles.contract(SCHEMAS).keySet());
  }

  @Test
  void failsOnANewFieldWithoutDefaultNamingIt(@TempDir Path dir) throws IOException {
    copyContract(dir);
    edit(
        dir.resolve("TrainingCompleted.avsc"),
        "{\"name\": \"epochs\", \"type\": \"int\"},",
        "{\"name\": \"epochs\", \"type\": \"int\"}, {\"name\": \"gpu_hours\", \"type\": \"double\"},");

    List<SchemaGate.Violation> violations = SchemaGate.check(dir, CompatibilityLevel.BACKWARD);

    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).schema()).isEqualTo("TrainingCompleted");
    assertThat(violations.get(0).problem().field()).isEqualTo("gpu_hours");
    assertThat(violations.get(0).toString())
        .contains("schemas/TrainingCompleted.avsc")
        .contains("field 'gpu_hours'")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void failsOnATypeChangeInASharedTypeNamingTheNestedField(@TempDir Path dir) throws IOException {
    copyContract(dir);
    edit(
        dir.resolve("common/EventHeader.avsc"),
        "{\"name\": \"trace_id\", \"type\": \"string\"",
        "{\"name\": \"trace_id\", \"type\": \"int\"");

    List<SchemaGate.Violation> violations = SchemaGate.check(dir, CompatibilityLevel.BACKWARD);

    assertThat(violations).isNotEmpty();
    assertThat(violations)
        .allSatisfy(v -> assertThat(v.problem().field()).isEqualTo("header.trace_id"));
    assertThat(violations.stream().map(SchemaGate.Violation::schema))
        .contains("TrainingCompleted", "EvaluationCompleted");
  }

  @Test
  void acceptsANewFieldWithADefault(@TempDir Path dir) throws IOException {
    copyContract(dir);
    edit(
        dir.resolve("TrainingCompleted.avsc"),
        "{\"name\": \"epochs\", \"type\": \"int\"},",
        "{\"name\": \"epochs\", \"type\": \"int\"}, {\"name\": \"gpu_hours\", \"type\": \"double\","
            + " \"default\": 0.0},");

    assertThat(SchemaGate.check(dir, CompatibilityLevel.BACKWARD)).isEmpty();
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).as(file + " must contain the text this test changes").contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void copyContract(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(SCHEMAS)) {
      for (Path source : files.toList()) {
        Path copy = target.resolve(SCHEMAS.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
  }
}
