package ai.ringrift.registry.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting versions and subjects as Confluent does: first softly (the version leaves the subject
 * but its id still serves readers), then permanently ({@code permanent=true}, only after the soft
 * delete); never while another schema references it. A soft delete that leaves a subject without
 * live versions also drops its config and mode.
 */
final class Deletion {
  private static final Logger LOGGER = LoggerFactory.getLogger(Deletion.class);

  private final SchemaLog log;

  Deletion(SchemaLog log) {
    this.log = log;
  }

  /** Deletes version {@code spec} of {@code subject}; the version number deleted. */
  int deleteVersion(String subject, String spec, boolean permanent) {
    int versionId = Scope.versionId(spec);
    return log.write(
        state -> {
          StoredSchema target = target(state, subject, spec, versionId, permanent);
          Scope.requireWritable(state, subject);
          if (!state.referencedBy(subject, target.version()).isEmpty()) {
            throw RegistryError.referenceExists(subject, target.version());
          }
          List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
          byte[] key = StoreRecords.schemaKey(subject, target.version());
          if (permanent) {
            if (!target.deleted()) {
              throw RegistryError.versionNotSoftDeleted(subject, spec);
            }
            records.add(log.record(key, null));
          } else {
            records.add(log.record(key, StoreRecords.schemaValue(target.withDeleted(true))));
            if (state.versions(subject, false).size() == 1) {
              records.addAll(settingsTombstones(state, subject));
            }
          }
          LOGGER.info(
              "deleting subject={} version={} permanent={}", subject, target.version(), permanent);
          return new SchemaLog.Decision<>(target.version(), records);
        });
  }

  /** Deletes every version of {@code subject}; the version numbers deleted. */
  List<Integer> deleteSubject(String subject, boolean permanent) {
    return log.write(
        state -> {
          if (!state.hasSubject(subject, true)) {
            throw RegistryError.subjectNotFound(subject);
          }
          if (!permanent && !state.hasSubject(subject, false)) {
            throw RegistryError.subjectSoftDeleted(subject);
          }
          Scope.requireWritable(state, subject);
          List<StoredSchema> versions = state.versions(subject, permanent);
          for (StoredSchema version : versions) {
            if (!state.referencedBy(subject, version.version()).isEmpty()) {
              throw RegistryError.referenceExists(subject, version.version());
            }
            if (permanent && !version.deleted()) {
              throw RegistryError.subjectNotSoftDeleted(subject);
            }
          }
          List<Integer> numbers = versions.stream().map(StoredSchema::version).toList();
          List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
          if (permanent) {
            numbers.forEach(v -> records.add(log.record(StoreRecords.schemaKey(subject, v), null)));
          } else {
            records.add(
                log.record(
                    StoreRecords.deleteSubjectKey(subject),
                    StoreRecords.deleteSubjectValue(subject, numbers.get(numbers.size() - 1))));
            records.addAll(settingsTombstones(state, subject));
          }
          LOGGER.info("deleting subject={} versions={} permanent={}", subject, numbers, permanent);
          return new SchemaLog.Decision<>(numbers, records);
        });
  }

  private static StoredSchema target(
      RegistryState state, String subject, String spec, int versionId, boolean permanent) {
    StoredSchema target =
        versionId == -1 ? latest(state, subject) : state.version(subject, versionId).orElse(null);
    if (target != null && target.deleted() && !permanent) {
      throw RegistryError.versionSoftDeleted(subject, spec);
    }
    if (target == null) {
      throw state.hasSubject(subject, true)
          ? RegistryError.versionNotFound(versionId)
          : RegistryError.subjectNotFound(subject);
    }
    return target;
  }

  private static StoredSchema latest(RegistryState state, String subject) {
    List<StoredSchema> live = state.versions(subject, false);
    return live.isEmpty() ? null : live.get(live.size() - 1);
  }

  /** The subject's own config and mode go with its last live version. */
  private List<ProducerRecord<byte[], byte[]>> settingsTombstones(
      RegistryState state, String subject) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    if (state.mode(subject).isPresent()) {
      records.add(log.record(StoreRecords.modeKey(subject), null));
    }
    if (state.config(subject).isPresent()) {
      records.add(log.record(StoreRecords.configKey(subject), null));
    }
    return records;
  }
}
