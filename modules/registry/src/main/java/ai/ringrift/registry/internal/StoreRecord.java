package ai.ringrift.registry.internal;

/**
 * One record of the {@code _schemas} topic, read: what it means for the registry's state. A null
 * payload is a tombstone (the key's thing is removed).
 */
sealed interface StoreRecord {
  /** A version of a subject; {@code schema} null: the version is permanently deleted. */
  record SchemaVersion(String subject, int version, StoredSchema schema) implements StoreRecord {}

  /** The config of a subject (null: global); {@code config} null: removed. */
  record Config(String subject, SubjectConfig config) implements StoreRecord {}

  /** The mode of a subject (null: global); {@code mode} null: removed. */
  record ModeChange(String subject, Mode mode) implements StoreRecord {}

  /** Every version of {@code subject} up to {@code version} is soft-deleted. */
  record DeleteSubject(String subject, int version) implements StoreRecord {}

  /** The soft-deleted versions of {@code subject} (all subjects: null) are forgotten by id. */
  record ClearSubject(String subject) implements StoreRecord {}

  /** A schema context exists. */
  record Context(String context) implements StoreRecord {}

  /** Nothing for this registry (NOOP, a tombstone of a marker, a kind it does not serve). */
  record Ignored(String keytype) implements StoreRecord {}
}
