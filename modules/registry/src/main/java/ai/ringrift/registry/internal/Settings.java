package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityLevel;
import ai.ringrift.registry.internal.Bodies.ConfigUpdate;
import ai.ringrift.registry.internal.Bodies.ConfigView;
import ai.ringrift.registry.internal.Bodies.ModeBody;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Configs ({@code /config}) and modes ({@code /mode}), global (subject null) and per subject, as
 * {@code CONFIG} and {@code MODE} records. Switching to IMPORT first writes a {@code CLEAR_SUBJECT}
 * record, so that imported schemas may take the ids of soft-deleted ones.
 */
final class Settings {
  private final SchemaLog log;

  Settings(SchemaLog log) {
    this.log = log;
  }

  /** The global config, or the config set on {@code subject} (or in scope if asked). */
  ConfigView config(String subject, boolean defaultToGlobal) {
    return log.read(
        state -> {
          if (subject != null && !defaultToGlobal && state.config(subject).isEmpty()) {
            throw RegistryError.noSubjectConfig(subject);
          }
          SubjectConfig config = Scope.config(state, subject);
          return new ConfigView(config.normalize(), config.level().name());
        });
  }

  ConfigUpdate setConfig(String subject, ConfigUpdate update) {
    if (subject != null) {
      Scope.requireValidSubject(subject);
    }
    CompatibilityLevel level = null;
    if (update.compatibility() != null) {
      level =
          CompatibilityLevel.parse(update.compatibility()).orElseThrow(RegistryError::invalidLevel);
    }
    SubjectConfig change = new SubjectConfig(update.normalize(), level);
    return log.write(
        state -> {
          Scope.requireWritable(state, subject);
          SubjectConfig merged =
              state.config(subject).map(old -> old.mergedWith(change)).orElse(change);
          return new SchemaLog.Decision<>(
              update,
              List.of(
                  log.record(
                      StoreRecords.configKey(subject), StoreRecords.configValue(subject, merged))));
        });
  }

  /** Removes a config; what it was (for the global one: what was in force). */
  ConfigView deleteConfig(String subject) {
    return log.write(
        state -> {
          if (subject != null && state.config(subject).isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
          }
          Scope.requireWritable(state, subject);
          SubjectConfig old = Scope.config(state, subject);
          return new SchemaLog.Decision<>(
              new ConfigView(old.normalize(), old.level().name()),
              List.of(log.record(StoreRecords.configKey(subject), null)));
        });
  }

  /** The global mode, or the mode set on {@code subject} (or in force if asked). */
  ModeBody mode(String subject, boolean defaultToGlobal) {
    return log.read(
        state -> {
          Mode mode = defaultToGlobal ? Scope.mode(state, subject) : Scope.ownMode(state, subject);
          if (mode == null) {
            throw RegistryError.noSubjectMode(subject);
          }
          return new ModeBody(mode.name());
        });
  }

  ModeBody setMode(String subject, ModeBody body, boolean force) {
    if (subject != null) {
      Scope.requireValidSubject(subject);
    }
    Mode mode = Mode.parse(body.mode()).orElseThrow(RegistryError::invalidMode);
    return log.write(
        state -> {
          List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
          if (mode == Mode.IMPORT && Scope.ownMode(state, subject) != Mode.IMPORT && !force) {
            boolean found =
                subject == null ? state.hasAnySubject() : state.hasSubject(subject, false);
            if (found) {
              throw RegistryError.notPermitted("Cannot import since found existing subjects");
            }
            records.add(
                log.record(
                    StoreRecords.clearSubjectKey(subject),
                    StoreRecords.clearSubjectValue(subject)));
          }
          records.add(
              log.record(StoreRecords.modeKey(subject), StoreRecords.modeValue(subject, mode)));
          return new SchemaLog.Decision<>(body, records);
        });
  }

  /** Removes the mode of {@code subject}; what it was. */
  ModeBody deleteMode(String subject) {
    return log.write(
        state -> {
          Mode old = Scope.ownMode(state, subject);
          if (old == null) {
            throw RegistryError.subjectNotFound(subject);
          }
          return new SchemaLog.Decision<>(
              new ModeBody(old.name()), List.of(log.record(StoreRecords.modeKey(subject), null)));
        });
  }
}
