package ai.ringrift.registry.internal;

import ai.ringrift.registry.internal.Bodies.SchemaRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registering and looking up schemas with Confluent's semantics: ids are global (the same schema
 * and references get one id in every subject, also after a delete); registering what a subject
 * already has returns its id and writes nothing, whatever the mode; in IMPORT mode a registration
 * brings its id and version and skips the compatibility check.
 */
final class Registration {
  private static final Logger LOGGER = LoggerFactory.getLogger(Registration.class);

  private final SchemaLog log;

  Registration(SchemaLog log) {
    this.log = log;
  }

  /** Registers {@code request} under {@code subject}; its id. */
  int register(String subject, SchemaRequest request, boolean normalizeParam) {
    Scope.requireValidSubject(subject);
    requireAvro(request);
    int wantedId = request.id() == null ? -1 : request.id();
    return log.write(
        current -> {
          boolean normalize = normalizeParam || Scope.normalize(current, subject);
          AvroSchemas.Parsed parsed =
              AvroSchemas.parse(request.schema(), request.references(), normalize, current);
          StoredSchema.Content content =
              new StoredSchema.Content(StoredSchema.AVRO, parsed.text(), parsed.references());
          Optional<StoredSchema> existing = live(current, subject, content);
          if (existing.isPresent() && (wantedId < 0 || wantedId == existing.get().id())) {
            return new SchemaLog.Decision<>(existing.get().id(), List.of());
          }
          Mode mode = Scope.mode(current, subject);
          requireMode(subject, mode, wantedId);
          List<StoredSchema> all = current.versions(subject, true);
          if (mode != Mode.IMPORT) {
            List<String> problems =
                Compatibility.problems(current, subject, parsed.schema(), live(all));
            if (!problems.isEmpty()) {
              throw RegistryError.incompatible(subject, problems);
            }
          }
          int next = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
          int version = version(request.version(), next, mode);
          int id = id(current, content, wantedId, parsed.text());
          StoredSchema stored =
              new StoredSchema(
                  subject,
                  version,
                  id,
                  StoredSchema.AVRO,
                  parsed.references(),
                  parsed.text(),
                  false);
          LOGGER.info("registering subject={} version={} id={}", subject, version, id);
          return new SchemaLog.Decision<>(id, records(current, stored, all));
        });
  }

  /** The version of {@code subject} that has {@code request}'s schema. */
  StoredSchema lookup(
      String subject, SchemaRequest request, boolean normalizeParam, boolean includeDeleted) {
    requireAvro(request);
    return log.read(
        current -> {
          boolean normalize = normalizeParam || Scope.normalize(current, subject);
          AvroSchemas.Parsed parsed =
              AvroSchemas.parse(request.schema(), request.references(), normalize, current);
          StoredSchema.Content content =
              new StoredSchema.Content(StoredSchema.AVRO, parsed.text(), parsed.references());
          List<StoredSchema> versions = current.versions(subject, includeDeleted);
          for (StoredSchema version : versions) {
            if (version.content().equals(content)) {
              return version;
            }
          }
          for (int i = versions.size() - 1; i >= 0; i--) {
            // the schema sent with its references inlined, as a serializer of the full type does
            StoredSchema version = versions.get(i);
            if (parsed.references().isEmpty()
                && !version.references().isEmpty()
                && AvroSchemas.parseStored(version, current).equals(parsed.schema())) {
              return version;
            }
          }
          if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
          }
          throw RegistryError.schemaNotFound();
        });
  }

  private static Optional<StoredSchema> live(
      RegistryState state, String subject, StoredSchema.Content content) {
    return state.versions(subject, false).stream()
        .filter(v -> v.content().equals(content))
        .findFirst();
  }

  private static List<StoredSchema> live(List<StoredSchema> versions) {
    return versions.stream().filter(v -> !v.deleted()).toList();
  }

  private static void requireMode(String subject, Mode mode, int wantedId) {
    if (mode.readOnly()) {
      throw RegistryError.notPermitted("Subject " + subject + " is in read-only mode");
    }
    if (wantedId >= 0 && mode != Mode.IMPORT) {
      throw RegistryError.notPermitted("Subject " + subject + " is not in import mode");
    }
    if (wantedId < 0 && mode != Mode.READWRITE) {
      throw RegistryError.notPermitted("Subject " + subject + " is not in read-write mode");
    }
  }

  private static int version(Integer requested, int next, Mode mode) {
    if (requested == null || requested <= 0) {
      return next;
    }
    if (requested != next && mode != Mode.IMPORT) {
      throw RegistryError.invalidSchema("Version is not one more than previous version");
    }
    return requested;
  }

  private static int id(
      RegistryState state, StoredSchema.Content content, int wantedId, String text) {
    Optional<Integer> known = state.idOf(content);
    if (wantedId < 0) {
      return known.orElse(state.maxId() + 1);
    }
    state
        .byId(wantedId, null)
        .filter(holder -> !holder.schema().equals(text))
        .ifPresent(
            holder -> {
              throw RegistryError.notPermitted(
                  "Overwrite new schema with id " + wantedId + " is not permitted.");
            });
    return wantedId;
  }

  /** The new version, its context, and tombstones of deleted earlier versions with its id. */
  private List<ProducerRecord<byte[], byte[]>> records(
      RegistryState state, StoredSchema stored, List<StoredSchema> all) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    String context = Scope.contextOf(stored.subject());
    if (context != null && !state.contexts().contains(context)) {
      records.add(log.record(StoreRecords.contextKey(context), StoreRecords.contextValue(context)));
    }
    records.add(
        log.record(
            StoreRecords.schemaKey(stored.subject(), stored.version()),
            StoreRecords.schemaValue(stored)));
    for (StoredSchema earlier : all) {
      if (earlier.deleted()
          && earlier.id() == stored.id()
          && earlier.version() < stored.version()) {
        records.add(log.record(StoreRecords.schemaKey(earlier.subject(), earlier.version()), null));
      }
    }
    return records;
  }

  private static void requireAvro(SchemaRequest request) {
    if (request.schemaType() != null && !StoredSchema.AVRO.equals(request.schemaType())) {
      throw RegistryError.invalidSchema("Invalid schema type " + request.schemaType());
    }
  }
}
