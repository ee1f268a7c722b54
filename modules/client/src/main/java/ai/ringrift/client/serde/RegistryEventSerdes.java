package ai.ringrift.client.serde;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.events.catalog.TopicCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Confluent-framed Avro values through a schema registry, one client (and one cache) for every
 * serde; keys stay UTF-8 strings checked against the catalog.
 */
final class RegistryEventSerdes implements EventSerdes {
  private final EventKeySerde keys;
  private final SchemaRegistryClient client;
  private final RegistrySerdeConfig config;
  private final Map<Class<?>, Serde<?>> values = new ConcurrentHashMap<>();

  RegistryEventSerdes(
      TopicCatalog catalog, SchemaRegistryClient client, RegistrySerdeConfig config) {
    this.keys = new EventKeySerde(catalog);
    this.client = client;
    this.config = config;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
    return (Serde<T>)
        values.computeIfAbsent(type, t -> new RegistryAvroSerde<>(client, config, type, false));
  }

  @Override
  public Serde<String> key() {
    return keys;
  }

  @Override
  public WireFormat format() {
    return WireFormat.REGISTRY;
  }

  @Override
  public Optional<SchemaRegistryClient> registry() {
    return Optional.of(client);
  }
}
