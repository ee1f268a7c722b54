package ai.ringrift.admin.schemas;

import ai.ringrift.client.registry.RegisteredSchema;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import ai.ringrift.registry.compat.CompatibilityChecker;
import ai.ringrift.registry.compat.CompatibilityChecker.VersionedSchema;
import ai.ringrift.registry.compat.CompatibilityLevel;
import ai.ringrift.registry.compat.Incompatibility;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** Checks one schema against its subject in the live registry. */
final class SubjectCheck {
  private final SchemaRegistryClient registry;

  SubjectCheck(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  /**
   * What the check found.
   *
   * @param subject the subject
   * @param origin where the schema came from
   * @param level the subject's compatibility level
   * @param against the versions checked against, e.g. {@code version 3} or {@code versions 1-3}
   * @param verdict for the table
   * @param problems what breaks, naming the field (empty when it passes)
   */
  record Result(
      String subject,
      String origin,
      String level,
      String against,
      String verdict,
      List<String> problems) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  Result check(ContractSchemas.Source source) {
    String subject = source.subject();
    List<Integer> versions;
    try {
      versions = registry.versions(subject);
    } catch (SchemaRegistryException.SubjectNotFound e) {
      return new Result(subject, source.origin(), "-", "-", "new subject", List.of());
    }
    CompatibilityLevel level = level(subject);
    List<Integer> checked =
        level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
    List<VersionedSchema> earlier = new ArrayList<>();
    Integer same = null;
    for (int version : checked) {
      RegisteredSchema registered = registry.version(subject, version);
      Schema schema = new Schema.Parser().parse(registered.schema());
      earlier.add(new VersionedSchema(version, schema));
      // the parsing form ignores docs and Java-specific properties (avro.java.string)
      if (SchemaNormalization.toParsingForm(schema)
          .equals(SchemaNormalization.toParsingForm(source.schema()))) {
        same = version;
      }
    }
    String against =
        checked.size() == 1
            ? "version " + checked.get(0)
            : "versions " + checked.get(0) + "-" + checked.get(checked.size() - 1);
    List<Incompatibility> problems = CompatibilityChecker.check(source.schema(), earlier, level);
    String verdict =
        !problems.isEmpty()
            ? "INCOMPATIBLE: field '" + problems.get(0).field() + "' " + problems.get(0).type()
            : same != null ? "registered as version " + same : "compatible";
    return new Result(
        subject,
        source.origin(),
        level.name(),
        against,
        verdict,
        problems.stream().map(Incompatibility::toString).toList());
  }

  private CompatibilityLevel level(String subject) {
    String name = registry.subjectCompatibility(subject).orElseGet(registry::globalCompatibility);
    return CompatibilityLevel.parse(name).orElse(CompatibilityLevel.BACKWARD);
  }
}
