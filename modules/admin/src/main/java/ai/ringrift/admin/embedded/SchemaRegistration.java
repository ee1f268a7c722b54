package ai.ringrift.admin.embedded;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the value schema of every catalog topic under its TopicNameStrategy subject ({@code
 * <topic>-value}), so producers with auto-registration off find them. Registering again is a no-op:
 * the registry returns the existing id.
 */
public final class SchemaRegistration {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemaRegistration.class);

  private SchemaRegistration() {}

  /** Registers every value schema of {@code catalog}; returns how many subjects it covered. */
  static int registerCatalog(String registryUrl, TopicCatalog catalog) {
    return registerCatalog(SchemaRegistryClient.of(registryUrl), catalog);
  }

  /**
   * Registers every value schema of {@code catalog} through {@code client} (which carries the
   * registry's credentials); returns how many subjects it covered.
   */
  public static int registerCatalog(SchemaRegistryClient client, TopicCatalog catalog) {
    int subjects = 0;
    for (TopicSpec topic : catalog.topics()) {
      if (topic.valueType().isEmpty()) {
        continue;
      }
      String subject = topic.name() + "-value";
      int id = client.register(subject, SpecificData.get().getSchema(topic.valueType().get()));
      LOGGER.debug("registered subject={} id={}", subject, id);
      subjects++;
    }
    return subjects;
  }
}
