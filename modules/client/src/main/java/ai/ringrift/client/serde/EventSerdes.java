package ai.ringrift.client.serde;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one place every producer, consumer and Streams app gets its serdes from. The {@link
 * WireFormat} is Confluent-framed Avro through the schema registry unless a setting names plain
 * Avro ({@link WireSettings}); a reader meeting the other format fails with a {@link
 * WireFormatMismatchException}, never with a decoding error.
 */
public interface EventSerdes {
  /** Serde for values of {@code type}; decoding failures are {@link EventDecodingException}s. */
  <T extends SpecificRecord> Serde<T> value(Class<T> type);

  /**
   * Serde for record keys; on catalog topics it refuses keys that do not have the topic's key form
   * (e.g. {@code square8_2p}).
   */
  Serde<String> key();

  /** The format these serdes read and write. */
  WireFormat format();

  /** The registry client the value serdes share (to inspect its request count), if any. */
  default Optional<SchemaRegistryClient> registry() {
    return Optional.empty();
  }

  /**
   * The serdes of a client of {@code settings} with the config {@link ConfigSource#discover()}
   * finds, as a publisher or subscriber built without a config source has them.
   */
  static EventSerdes from(KafkaSettings settings, TopicCatalog catalog) {
    return from(settings, ConfigSource.discover(), catalog);
  }

  /**
   * The serdes of a client of {@code settings} whose config comes from {@code config}: the format
   * and the registry {@link WireSettings#resolve} finds (Confluent-framed Avro through the registry
   * unless {@code wire.format} says plain).
   */
  static EventSerdes from(KafkaSettings settings, ConfigSource config, TopicCatalog catalog) {
    return from(settings, WireSettings.resolve(settings, config), catalog);
  }

  /**
   * The serdes of {@code wire}: Confluent-framed Avro through its registry (serde properties such
   * as {@code auto.register.schemas} or {@code basic.auth.user.info} are read from the client
   * properties of {@code settings}, see {@link RegistrySerdeConfig}), or plain Avro when its format
   * is plain.
   */
  static EventSerdes from(KafkaSettings settings, WireSettings wire, TopicCatalog catalog) {
    if (wire.format() == WireFormat.PLAIN) {
      return plainAvro(catalog);
    }
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(RegistrySerdeConfig.URL, wire.schemaRegistryUrl());
    return withRegistry(catalog, RegistrySerdeConfig.from(config));
  }

  /** Confluent-framed Avro values through the registry {@code config} names. */
  static EventSerdes withRegistry(TopicCatalog catalog, RegistrySerdeConfig config) {
    return new RegistryEventSerdes(catalog, new SchemaRegistryClient(config.client()), config);
  }

  /**
   * Plain Avro binary values: no framing, the reader must know the writer's schema. Only for a
   * deployment where every reader and writer is plain (tests, benchmarks of the codec).
   */
  static EventSerdes plainAvro(TopicCatalog catalog) {
    return new PlainAvroSerdes(catalog);
  }
}
