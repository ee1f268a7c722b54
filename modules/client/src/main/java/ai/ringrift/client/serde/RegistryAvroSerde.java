package ai.ringrift.client.serde;

import ai.ringrift.client.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link RegistryAvroSerializer} and {@link RegistryAvroDeserializer} as one {@link Serde}; usable
 * by class name as Kafka Streams' {@code default.value.serde} with {@code schema.registry.url}.
 *
 * @param <T> the record type
 */
public class RegistryAvroSerde<T> implements Serde<T> {
  private final RegistryAvroSerializer<T> serializer;
  private final RegistryAvroDeserializer<T> deserializer;

  /** For Kafka Streams to instantiate by class name; {@link #configure} must follow. */
  public RegistryAvroSerde() {
    this.serializer = new RegistryAvroSerializer<>();
    this.deserializer = new RegistryAvroDeserializer<>();
  }

  /** A serde of {@code type} (null for GenericRecord) sharing {@code client}. */
  public RegistryAvroSerde(
      SchemaRegistryClient client, RegistrySerdeConfig config, Class<T> type, boolean isKey) {
    this.serializer = new RegistryAvroSerializer<>(client, config, isKey);
    this.deserializer = new RegistryAvroDeserializer<>(client, type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
