package ai.ringrift.registry.internal;

import ai.ringrift.registry.internal.Bodies.CompatibilityAnswer;
import ai.ringrift.registry.internal.Bodies.SchemaRequest;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Compatibility tests ({@code POST /compatibility/subjects/{s}/versions[/{v}]}) at the level in
 * force for the subject, against one version or against all live versions, as registering would.
 */
final class Compatibility {
  private final SchemaLog log;

  Compatibility(SchemaLog log) {
    this.log = log;
  }

  /** Why {@code candidate} may not follow {@code earlier} (live versions, oldest first). */
  static List<String> problems(
      RegistryState state, String subject, Schema candidate, List<StoredSchema> earlier) {
    List<CompatibilityMessages.Earlier> parsed =
        earlier.stream()
            .filter(v -> StoredSchema.AVRO.equals(v.schemaType()))
            .map(
                v ->
                    new CompatibilityMessages.Earlier(
                        v.version(), AvroSchemas.parseStored(v, state), v.schema()))
            .toList();
    return CompatibilityMessages.check(candidate, parsed, Scope.level(state, subject));
  }

  /** Tests against version {@code spec} ({@code latest} or a number), or all when null. */
  CompatibilityAnswer test(
      String subject, String spec, SchemaRequest request, boolean normalize, boolean verbose) {
    Integer version = spec == null ? null : Scope.versionId(spec);
    return log.read(
        state -> {
          List<StoredSchema> earlier = earlier(state, subject, version);
          List<String> problems;
          try {
            if (request.schemaType() != null && !StoredSchema.AVRO.equals(request.schemaType())) {
              throw RegistryError.invalidSchema("Invalid schema type " + request.schemaType());
            }
            boolean normalized = normalize || Scope.normalize(state, subject);
            Schema candidate =
                AvroSchemas.parse(request.schema(), request.references(), normalized, state)
                    .schema();
            problems = problems(state, subject, candidate, earlier);
          } catch (RegistryError e) {
            if (!verbose || e.errorCode() != 42201) {
              throw e;
            }
            problems = List.of(e.getMessage());
          }
          return new CompatibilityAnswer(problems.isEmpty(), verbose ? problems : null);
        });
  }

  private static List<StoredSchema> earlier(RegistryState state, String subject, Integer version) {
    List<StoredSchema> live = state.versions(subject, false);
    if (version == null) {
      return live;
    }
    if (version == -1) {
      return live.isEmpty() ? List.of() : List.of(live.get(live.size() - 1));
    }
    return List.of(
        live.stream()
            .filter(v -> v.version() == version)
            .findFirst()
            .orElseThrow(() -> RegistryError.versionNotFound(version)));
  }
}
