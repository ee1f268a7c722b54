package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityChecker;
import ai.ringrift.registry.compat.CompatibilityChecker.VersionedSchema;
import ai.ringrift.registry.compat.CompatibilityLevel;
import ai.ringrift.registry.compat.Incompatibility;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry's operations, with Confluent's semantics and errors, over the replayed log. */
public final class RegistryService {
  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryService.class);

  private final RegistryState state;
  private final SchemaLog log;

  RegistryService(RegistryState state, SchemaLog log) {
    this.state = state;
    this.log = log;
  }

  /**
   * Registers {@code text} under {@code subject}: the existing id when the subject has it, the id
   * it has in another subject, else a new one. Fails with 40901 when the subject's level forbids
   * it.
   */
  public int register(String subject, String text) {
    Schema schema = parse(text);
    String canonical = schema.toString();
    return log.write(
        current -> {
          Optional<StoredSchema> existing =
              current.versions(subject).stream()
                  .filter(v -> v.schema().equals(canonical))
                  .findFirst();
          if (existing.isPresent()) {
            return new SchemaLog.Decision<>(existing.get().id(), List.of());
          }
          List<Incompatibility> problems =
              check(schema, current.versions(subject), current.effectiveLevel(subject));
          if (!problems.isEmpty()) {
            throw RegistryError.incompatible(
                subject, problems.stream().map(Incompatibility::toString).toList());
          }
          int id = current.idOf(canonical).orElse(current.maxId() + 1);
          int version = current.lastVersionNumber(subject) + 1;
          StoredSchema stored = new StoredSchema(subject, version, id, canonical, false);
          LOGGER.info("registering subject={} version={} id={}", subject, version, id);
          return new SchemaLog.Decision<>(
              id,
              List.of(
                  log.record(
                      StoreRecords.schemaKey(subject, version), StoreRecords.schemaValue(stored))));
        });
  }

  /** The version of {@code subject} that has {@code text}. */
  public StoredSchema lookup(String subject, String text) {
    String canonical = parse(text).toString();
    return orAfterCatchUp(
        () -> {
          List<StoredSchema> versions = state.versions(subject);
          if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
          }
          return versions.stream()
              .filter(v -> v.schema().equals(canonical))
              .findFirst()
              .orElseThrow(RegistryError::schemaNotFound);
        });
  }

  /** The schema with global id {@code id}. */
  public String schema(int id) {
    return orAfterCatchUp(
        () -> state.schema(id).orElseThrow(() -> RegistryError.schemaNotFound(id)));
  }

  public List<String> subjects() {
    return state.subjects();
  }

  /** Version numbers of {@code subject}. */
  public List<Integer> versions(String subject) {
    return orAfterCatchUp(
        () -> {
          List<StoredSchema> versions = state.versions(subject);
          if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
          }
          return versions.stream().map(StoredSchema::version).toList();
        });
  }

  /** {@code spec} is a version number or {@code latest}. */
  public StoredSchema version(String subject, String spec) {
    int wanted = parseVersion(spec);
    return orAfterCatchUp(
        () -> {
          List<StoredSchema> versions = state.versions(subject);
          if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
          }
          if (wanted < 0) {
            return versions.get(versions.size() - 1);
          }
          return versions.stream()
              .filter(v -> v.version() == wanted)
              .findFirst()
              .orElseThrow(() -> RegistryError.versionNotFound(wanted));
        });
  }

  /** Why {@code text} could not follow version {@code spec} of {@code subject}; empty if it can. */
  public List<String> testCompatibility(String subject, String spec, String text) {
    Schema schema = parse(text);
    StoredSchema against = version(subject, spec);
    CompatibilityLevel level = state.effectiveLevel(subject);
    List<StoredSchema> earlier =
        level.transitive()
            ? state.versions(subject).stream()
                .filter(v -> v.version() <= against.version())
                .toList()
            : List.of(against);
    return check(schema, earlier, level).stream().map(Incompatibility::toString).toList();
  }

  public CompatibilityLevel globalLevel() {
    return state.globalLevel();
  }

  public CompatibilityLevel subjectLevel(String subject) {
    return state.subjectLevel(subject).orElseThrow(() -> RegistryError.noSubjectConfig(subject));
  }

  /** Sets the level of {@code subject}, or the global level when {@code subject} is null. */
  public CompatibilityLevel setLevel(String subject, String level) {
    CompatibilityLevel parsed =
        CompatibilityLevel.parse(level).orElseThrow(RegistryError::invalidLevel);
    return log.write(
        current ->
            new SchemaLog.Decision<>(
                parsed,
                List.of(
                    log.record(
                        StoreRecords.configKey(subject),
                        StoreRecords.configValue(subject, parsed.name())))));
  }

  private static List<Incompatibility> check(
      Schema schema, List<StoredSchema> earlier, CompatibilityLevel level) {
    List<VersionedSchema> versions =
        earlier.stream()
            .map(v -> new VersionedSchema(v.version(), new Schema.Parser().parse(v.schema())))
            .toList();
    return CompatibilityChecker.check(schema, versions, level);
  }

  /** Another instance may have just written what is asked for: look once more after catching up. */
  private <T> T orAfterCatchUp(Supplier<T> read) {
    try {
      return read.get();
    } catch (RegistryError e) {
      if (e.status() != 404) {
        throw e;
      }
      log.catchUp();
      return read.get();
    }
  }

  private static Schema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryError.invalidSchema("empty schema");
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException | NullPointerException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }

  /** A version number from 1, or -1 for {@code latest}. */
  private static int parseVersion(String spec) {
    if ("latest".equals(spec)) {
      return -1;
    }
    try {
      int version = Integer.parseInt(spec);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // falls through to the error
    }
    throw RegistryError.invalidVersion(spec);
  }
}
