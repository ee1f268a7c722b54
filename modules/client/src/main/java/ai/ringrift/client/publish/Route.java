package ai.ringrift.client.publish;

import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicSpec;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Everything the publisher needs per event type, looked up once: the catalog topic, the key's form,
 * the serializers and the counters.
 */
final class Route<T extends SpecificRecord> {
  private static final int MAX_CACHED_KEYS = 4096;

  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
  final TopicSpec topic;
  final String typeName;
  final Serializer<T> valueSerializer;
  final Serializer<String> keySerializer;
  final Counter published;
  final Counter failed;

  Route(TopicSpec topic, Class<T> type, EventSerdes serdes, MetricRegistry metrics) {
    this.topic = topic;
    this.typeName = type.getSimpleName();
    this.valueSerializer = serdes.value(type).serializer();
    this.keySerializer = serdes.key().serializer();
    this.published = metrics.counter(MetricNames.published(typeName));
    this.failed = metrics.counter(MetricNames.publishFailed(typeName));
  }

  String keyOf(T event) {
    try {
      return topic.key().keyOf(event);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot take the " + topic.key() + " key of " + typeName + ": " + e.getMessage(), e);
    }
  }

  /** The key's bytes; a key seen before (there are twelve configs) is checked and encoded once. */
  byte[] key(String key) {
    byte[] known = keys.get(key);
    if (known != null) {
      return known;
    }
    byte[] bytes = keySerializer.serialize(topic.name(), key);
    if (keys.size() < MAX_CACHED_KEYS) {
      keys.put(key, bytes);
    }
    return bytes;
  }

  byte[] value(T event) {
    try {
      return valueSerializer.serialize(topic.name(), event);
    } catch (RuntimeException e) {
      // a required field left null: the caller's bug, reported before anything is sent
      throw new IllegalArgumentException(
          "cannot serialize " + typeName + " for " + topic.name() + ": " + e, e);
    }
  }
}
