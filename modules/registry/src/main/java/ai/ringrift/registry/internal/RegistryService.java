package ai.ringrift.registry.internal;

/**
 * The registry's operations over one replayed {@code _schemas} log, grouped as the REST API groups
 * them.
 */
final class RegistryService {
  /** Confluent's default {@code schema.registry.group.id}, shown by {@code /v1/metadata/id}. */
  static final String GROUP_ID = "schema-registry";

  private final Registration registration;
  private final Deletion deletion;
  private final Reads reads;
  private final Compatibility compatibility;
  private final Settings settings;
  private final String kafkaClusterId;

  RegistryService(SchemaLog log, String kafkaClusterId) {
    this.registration = new Registration(log);
    this.deletion = new Deletion(log);
    this.reads = new Reads(log);
    this.compatibility = new Compatibility(log);
    this.settings = new Settings(log);
    this.kafkaClusterId = kafkaClusterId;
  }

  Registration registration() {
    return registration;
  }

  Deletion deletion() {
    return deletion;
  }

  Reads reads() {
    return reads;
  }

  Compatibility compatibility() {
    return compatibility;
  }

  Settings settings() {
    return settings;
  }

  String kafkaClusterId() {
    return kafkaClusterId;
  }

  String groupId() {
    return GROUP_ID;
  }
}
