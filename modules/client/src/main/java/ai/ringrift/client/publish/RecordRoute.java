package ai.ringrift.client.publish;

import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.events.contract.KeyKind;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How events of one type become records, looked up once per type by {@link EventRecords}: the
 * catalog topic, the key's form, the serializers, where the header is (its {@code occurred_at} is
 * the record's timestamp), and the type's published / failed counters.
 */
final class RecordRoute<T extends SpecificRecord> {
  private static final int MAX_CACHED_KEYS = 4096;

  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
  private final Serializer<T> valueSerializer;
  private final Serializer<String> keySerializer;
  final TopicSpec topic;
  final String typeName;
  final Class<T> type;
  final Counter published;
  final Counter failed;

  /** Position of the header field, or -1 for state records. */
  final int headerField;

  /** Position of the config field when the key is the config, else -1. */
  private final int configField;

  RecordRoute(TopicSpec topic, Class<T> type, EventSerdes serdes, MetricRegistry metrics) {
    this.topic = topic;
    this.typeName = type.getSimpleName();
    this.published = metrics.counter(MetricNames.published(typeName));
    this.failed = metrics.counter(MetricNames.publishFailed(typeName));
    this.valueSerializer = serdes.value(type).serializer();
    this.keySerializer = serdes.key().serializer();
    this.type = type;
    Schema schema = SpecificData.get().getSchema(type);
    this.headerField = position(schema, "header");
    this.configField = topic.key() == KeyKind.CONFIG ? position(schema, "config") : -1;
  }

  private static int position(Schema schema, String name) {
    Schema.Field field = schema.getField(name);
    return field == null ? -1 : field.pos();
  }

  /**
   * The record carrying {@code event} under {@code key} ({@link #keyOf}); its timestamp is the
   * header's {@code occurred_at}, so a replay from a time matches the events' own times whoever
   * wrote them. State records (no header) take the producer's time.
   */
  ProducerRecord<byte[], byte[]> record(T event, String key) {
    return new ProducerRecord<>(topic.name(), null, timestamp(event), key(key), value(event));
  }

  private Long timestamp(T event) {
    if (headerField < 0) {
      return null;
    }
    EventHeader header = (EventHeader) event.get(headerField);
    return header == null || header.getOccurredAt() == null
        ? null
        : header.getOccurredAt().toEpochMilli();
  }

  String keyOf(T event) {
    try {
      if (configField >= 0) {
        ConfigKey config = (ConfigKey) event.get(configField);
        if (config != null) {
          return ConfigKeyCache.format(config);
        }
      }
      return topic.key().keyOf(event); // other key kinds, and the error for a missing config
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot take the " + topic.key() + " key of " + typeName + ": " + e.getMessage(), e);
    }
  }

  /** The key's bytes; a key seen before (there are twelve configs) is checked and encoded once. */
  private byte[] key(String key) {
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

  private byte[] value(T event) {
    try {
      return valueSerializer.serialize(topic.name(), event);
    } catch (RuntimeException e) {
      // a required field left null: the caller's bug, reported before anything is sent
      throw new IllegalArgumentException(
          "cannot serialize " + typeName + " for " + topic.name() + ": " + e, e);
    }
  }
}
