package ai.ringrift.registry.compat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.compat.CompatibilityChecker.VersionedSchema;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which change each level allows, as Confluent documents it. */
class CompatibilityCheckerTest {
  static final String ID = "{\"name\":\"id\",\"type\":\"string\"}";
  static final String WITH_DEFAULT = ",{\"name\":\"score\",\"type\":\"double\",\"default\":0.0}";
  static final String WITHOUT_DEFAULT = ",{\"name\":\"score\",\"type\":\"double\"}";

  static Schema record(String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[" + ID + fields + "]}");
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} compatible={3}")
  @CsvSource({
    // level, old fields, new fields, compatible
    "BACKWARD, '', WITH_DEFAULT, true",
    "BACKWARD, '', WITHOUT_DEFAULT, false",
    "BACKWARD, WITHOUT_DEFAULT, '', true", // deleting a field: new readers ignore it
    "FORWARD, '', WITHOUT_DEFAULT, true", // old readers ignore the new field
    "FORWARD, WITHOUT_DEFAULT, '', false", // old readers need the deleted field
    "FULL, '', WITH_DEFAULT, true",
    "FULL, '', WITHOUT_DEFAULT, false",
    "FULL, WITHOUT_DEFAULT, '', false",
    "NONE, '', WITHOUT_DEFAULT, true",
  })
  void levelsAllowWhatConfluentDocuments(
      CompatibilityLevel level, String before, String after, boolean compatible) {
    List<Incompatibility> problems =
        CompatibilityChecker.check(
            record(fields(after)), List.of(new VersionedSchema(1, record(fields(before)))), level);
    assertThat(problems.isEmpty()).as(problems.toString()).isEqualTo(compatible);
    problems.forEach(p -> assertThat(p.field()).isEqualTo("score"));
  }

  private static String fields(String name) {
    return switch (name) {
      case "WITH_DEFAULT" -> WITH_DEFAULT;
      case "WITHOUT_DEFAULT" -> WITHOUT_DEFAULT;
      default -> "";
    };
  }
}
