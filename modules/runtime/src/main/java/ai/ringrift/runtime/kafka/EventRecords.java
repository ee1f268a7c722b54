package ai.ringrift.runtime.kafka;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns an event into the record that carries it: its catalog topic, its key taken from the event
 * by the topic's key kind, key and value written by {@link EventSerdes}. One producer of bytes can
 * then send events of every type (a transaction of a role holder mixes types).
 */
public final class EventRecords {
  private final TopicCatalog catalog;
  private final EventSerdes serdes;
  private final Map<Class<?>, Serializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();

  /** Records for the topics of {@code catalog}, written with {@code serdes}. */
  public EventRecords(TopicCatalog catalog, EventSerdes serdes) {
    this.catalog = catalog;
    this.serdes = serdes;
  }

  /** The record carrying {@code event} on its catalog topic. */
  public ProducerRecord<byte[], byte[]> of(SpecificRecord event) {
    TopicSpec topic = catalog.topicFor(event.getClass());
    String key = topic.key().keyOf(event);
    return new ProducerRecord<>(
        topic.name(),
        serdes.key().serializer().serialize(topic.name(), key),
        serializer(event.getClass()).serialize(topic.name(), event));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Serializer<SpecificRecord> serializer(Class<? extends SpecificRecord> type) {
    return serializers.computeIfAbsent(
        type, t -> (Serializer) serdes.value((Class<? extends SpecificRecord>) t).serializer());
  }
}
