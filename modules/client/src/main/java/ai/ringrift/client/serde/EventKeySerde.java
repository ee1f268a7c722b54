package ai.ringrift.client.serde;

import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** UTF-8 string keys, checked against the key form of the catalog topic they travel on. */
final class EventKeySerde implements Serde<String>, Serializer<String>, Deserializer<String> {
  private final TopicCatalog catalog;

  EventKeySerde(TopicCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public byte[] serialize(String topic, String key) {
    check(topic, key);
    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String deserialize(String topic, byte[] data) {
    String key = data == null ? null : new String(data, StandardCharsets.UTF_8);
    check(topic, key);
    return key;
  }

  private void check(String topic, String key) {
    Optional<TopicSpec> spec = catalog.find(topic);
    if (spec.isEmpty()) {
      return; // not a catalog topic (a Streams changelog, a test topic): no contract to check
    }
    if (key == null) {
      throw new EventDecodingException(
          topic, "record has no key; expected " + spec.get().key().expected());
    }
    if (!spec.get().key().isValid(key)) {
      throw new EventDecodingException(
          topic, "key '" + key + "' is not " + spec.get().key().expected());
    }
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // the catalog is given at construction
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public Serializer<String> serializer() {
    return this;
  }

  @Override
  public Deserializer<String> deserializer() {
    return this;
  }
}
