package ai.ringrift.registry.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the {@code _schemas} topic says, replayed in order: every version of every subject (soft
 * deleted ones too), which subject versions carry each id, configs, modes and contexts. Every
 * instance replays the same log, so all agree. A null subject means the global config or mode.
 * Thread-safe.
 */
final class RegistryState {
  private final Map<String, NavigableMap<Integer, StoredSchema>> subjects = new HashMap<>();
  private final Map<Integer, Map<String, Integer>> versionsById = new HashMap<>();
  private final Map<StoredSchema.Content, Integer> idsByContent = new HashMap<>();
  private final Map<String, SubjectConfig> configs = new HashMap<>();
  private final Map<String, Mode> modes = new HashMap<>();
  private final TreeSet<String> contexts = new TreeSet<>();
  private int maxId;

  synchronized void apply(StoreRecord record) {
    if (record instanceof StoreRecord.SchemaVersion v) {
      if (v.schema() == null) {
        remove(v.subject(), v.version());
      } else {
        put(v.schema());
      }
    } else if (record instanceof StoreRecord.Config c) {
      setOrRemove(configs, c.subject(), c.config());
    } else if (record instanceof StoreRecord.ModeChange m) {
      setOrRemove(modes, m.subject(), m.mode());
    } else if (record instanceof StoreRecord.DeleteSubject d) {
      softDeleteUpTo(d.subject(), d.version());
    } else if (record instanceof StoreRecord.ClearSubject c) {
      clear(c.subject());
    } else if (record instanceof StoreRecord.Context c) {
      contexts.add(c.context());
    }
  }

  private void put(StoredSchema schema) {
    subjects.computeIfAbsent(schema.subject(), s -> new TreeMap<>()).put(schema.version(), schema);
    versionsById
        .computeIfAbsent(schema.id(), id -> new LinkedHashMap<>())
        .put(schema.subject(), schema.version());
    idsByContent.put(schema.content(), schema.id());
    maxId = Math.max(maxId, schema.id());
  }

  private void remove(String subject, int version) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    StoredSchema removed = versions == null ? null : versions.remove(version);
    if (removed != null) {
      forgetId(removed);
    }
  }

  private void softDeleteUpTo(String subject, int upTo) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    if (versions != null) {
      versions.headMap(upTo, true).replaceAll((v, schema) -> schema.withDeleted(true));
    }
  }

  /** Forgets the soft-deleted versions of the matching subjects by id (Confluent's IMPORT). */
  private void clear(String subject) {
    Predicate<String> matches = subject == null ? s -> true : subject::equals;
    subjects.forEach(
        (name, versions) -> {
          if (matches.test(name)) {
            versions.values().stream().filter(StoredSchema::deleted).forEach(this::forgetId);
          }
        });
  }

  /**
   * The id no longer serves this version. Its content keeps the id, as in Confluent's server: the
   * same schema registered again gets its old id back (until compaction drops the old record).
   */
  private void forgetId(StoredSchema schema) {
    Map<String, Integer> holders = versionsById.get(schema.id());
    if (holders != null
        && holders.remove(schema.subject(), schema.version())
        && holders.isEmpty()) {
      versionsById.remove(schema.id());
    }
  }

  private static <T> void setOrRemove(Map<String, T> map, String subject, T value) {
    if (value == null) {
      map.remove(subject);
    } else {
      map.put(subject, value);
    }
  }

  /** Versions of {@code subject}, oldest first; soft-deleted ones only when asked. */
  synchronized List<StoredSchema> versions(String subject, boolean includeDeleted) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  /** Version {@code version} of {@code subject}, soft-deleted or not. */
  synchronized Optional<StoredSchema> version(String subject, int version) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    return Optional.ofNullable(versions == null ? null : versions.get(version));
  }

  /** Whether {@code subject} has a version (a live one, unless {@code includeDeleted}). */
  synchronized boolean hasSubject(String subject, boolean includeDeleted) {
    return !versions(subject, includeDeleted).isEmpty();
  }

  /** Whether any subject has a live version. */
  synchronized boolean hasAnySubject() {
    return subjects.keySet().stream().anyMatch(s -> hasSubject(s, false));
  }

  /** Subject names, sorted, that {@code keep} accepts given whether all their versions are gone. */
  synchronized List<String> subjects(Predicate<Boolean> keepAllDeleted) {
    List<String> names = new ArrayList<>();
    subjects.forEach(
        (name, versions) -> {
          if (!versions.isEmpty()
              && keepAllDeleted.test(versions.values().stream().allMatch(StoredSchema::deleted))) {
            names.add(name);
          }
        });
    names.sort(null);
    return names;
  }

  /** Every stored version, by subject then version. */
  synchronized List<StoredSchema> all() {
    return new TreeMap<>(subjects)
        .values().stream().flatMap(versions -> versions.values().stream()).toList();
  }

  /** The subject versions that carry {@code id}, in the order they were registered. */
  synchronized Map<String, Integer> holdersOf(int id) {
    return Map.copyOf(versionsById.getOrDefault(id, Map.of()));
  }

  /** The version that serves {@code id}: {@code subject}'s if given, else the first holder's. */
  synchronized Optional<StoredSchema> byId(int id, String subject) {
    Map<String, Integer> holders = versionsById.getOrDefault(id, Map.of());
    if (subject != null && !subject.isEmpty()) {
      Integer version = holders.get(subject);
      return version == null ? Optional.empty() : version(subject, version);
    }
    return holders.entrySet().stream()
        .findFirst()
        .flatMap(first -> version(first.getKey(), first.getValue()));
  }

  /** The id this content already has. */
  synchronized Optional<Integer> idOf(StoredSchema.Content content) {
    return Optional.ofNullable(idsByContent.get(content));
  }

  /** Ids of the live versions that reference version {@code version} of {@code subject}. */
  synchronized List<Integer> referencedBy(String subject, int version) {
    SchemaReference target = new SchemaReference("", subject, version);
    return subjects.values().stream()
        .flatMap(versions -> versions.values().stream())
        .filter(v -> !v.deleted())
        .filter(
            v ->
                v.references().stream()
                    .anyMatch(r -> r.subject().equals(target.subject()) && r.version() == version))
        .map(StoredSchema::id)
        .distinct()
        .sorted()
        .toList();
  }

  synchronized int maxId() {
    return maxId;
  }

  /** The config set on {@code subject} itself (null: the global one). */
  synchronized Optional<SubjectConfig> config(String subject) {
    return Optional.ofNullable(configs.get(subject));
  }

  /** The mode set on {@code subject} itself (null: the global one). */
  synchronized Optional<Mode> mode(String subject) {
    return Optional.ofNullable(modes.get(subject));
  }

  /** Named contexts (the default context {@code .} not among them). */
  synchronized List<String> contexts() {
    return List.copyOf(contexts);
  }
}
