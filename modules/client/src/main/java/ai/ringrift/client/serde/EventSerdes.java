package ai.ringrift.client.serde;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.events.catalog.TopicCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one place every producer, consumer and Streams app gets its serdes from, so the wire format
 * can change (plain Avro binary, Confluent-framed Avro through a schema registry) without touching
 * callers.
 */
public interface EventSerdes {
  /** Serde for values of {@code type}; decoding failures are {@link EventDecodingException}s. */
  <T extends SpecificRecord> Serde<T> value(Class<T> type);

  /**
   * Serde for record keys; on catalog topics it refuses keys that do not have the topic's key form
   * (e.g. {@code square8_2p}).
   */
  Serde<String> key();

  /** The registry client the value serdes share (to inspect its request count), if any. */
  default Optional<SchemaRegistryClient> registry() {
    return Optional.empty();
  }

  /**
   * The serdes for {@code settings}: Confluent-framed Avro through the schema registry when {@link
   * KafkaSettings#schemaRegistryUrl()} is set (serde properties such as {@code
   * auto.register.schemas} or {@code basic.auth.user.info} are read from the client properties, see
   * {@link RegistrySerdeConfig}), else plain Avro binary.
   */
  static EventSerdes from(KafkaSettings settings, TopicCatalog catalog) {
    if (settings.schemaRegistryUrl().isEmpty()) {
      return plainAvro(catalog);
    }
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(RegistrySerdeConfig.URL, settings.schemaRegistryUrl().get());
    return withRegistry(catalog, RegistrySerdeConfig.from(config));
  }

  /** Confluent-framed Avro values through the registry {@code config} names. */
  static EventSerdes withRegistry(TopicCatalog catalog, RegistrySerdeConfig config) {
    return new RegistryEventSerdes(catalog, new SchemaRegistryClient(config.client()), config);
  }

  /** Plain Avro binary values: no framing, the reader must know the writer's schema. */
  static EventSerdes plainAvro(TopicCatalog catalog) {
    return new PlainAvroSerdes(catalog);
  }
}
