package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the {@code _schemas} topic says, replayed in order: subjects and their versions, global ids,
 * compatibility levels. Every instance replays the same log, so all agree. Thread-safe.
 */
final class RegistryState {
  private final Map<String, NavigableMap<Integer, StoredSchema>> subjects = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  synchronized void put(StoredSchema schema) {
    subjects.computeIfAbsent(schema.subject(), s -> new TreeMap<>()).put(schema.version(), schema);
    schemasById.put(schema.id(), schema.schema());
    idsBySchema.putIfAbsent(schema.schema(), schema.id());
    maxId = Math.max(maxId, schema.id());
  }

  synchronized void remove(String subject, int version) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    if (versions != null) {
      versions.remove(version);
    }
  }

  /** Sets the level of {@code subject} (the global level when null); null level = unset. */
  synchronized void setLevel(String subject, String level) {
    CompatibilityLevel parsed = CompatibilityLevel.parse(level).orElse(null);
    if (subject == null) {
      globalLevel = parsed;
    } else if (parsed == null) {
      subjectLevels.remove(subject);
    } else {
      subjectLevels.put(subject, parsed);
    }
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel == null ? CompatibilityLevel.BACKWARD : globalLevel;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The level that applies to {@code subject}: its own, else the global one. */
  synchronized CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevel(subject).orElse(globalLevel());
  }

  /** Live (not deleted) versions of {@code subject}, oldest first. */
  synchronized List<StoredSchema> versions(String subject) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> !v.deleted()).toList();
  }

  /** Highest version number ever used in {@code subject}, deleted ones included. */
  synchronized int lastVersionNumber(String subject) {
    NavigableMap<Integer, StoredSchema> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  synchronized List<String> subjects() {
    List<String> live = new ArrayList<>();
    subjects.forEach(
        (name, versions) -> {
          if (versions.values().stream().anyMatch(v -> !v.deleted())) {
            live.add(name);
          }
        });
    return List.copyOf(new TreeSet<>(live));
  }

  synchronized Optional<String> schema(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** The id {@code canonical} already has in any subject. */
  synchronized Optional<Integer> idOf(String canonical) {
    return Optional.ofNullable(idsBySchema.get(canonical));
  }

  synchronized int maxId() {
    return maxId;
  }
}
