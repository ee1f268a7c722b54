package ai.ringrift.client.publish;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one route from an event to the record that carries it, for every writer ({@link
 * EventPublisher}, the stages' transactional writer, role terms, daemon heartbeats):
 *
 * <ul>
 *   <li>the topic is the event type's catalog topic;
 *   <li>the key is taken from the event by the topic's key kind (e.g. the config key {@code
 *       square8_2p});
 *   <li>key and value are written by {@link EventSerdes};
 *   <li>the record's timestamp is the header's {@code occurred_at}, so {@code events replay
 *       --since} and every other read by time see an event at its own time, whoever wrote it.
 * </ul>
 *
 * One producer of bytes can then send events of every type (a transaction mixes types).
 * Thread-safe.
 */
public final class EventRecords {
  private final TopicCatalog catalog;
  private final EventSerdes serdes;
  private final MetricRegistry metrics;
  private final Map<Class<?>, RecordRoute<?>> routes = new ConcurrentHashMap<>();
  private volatile RecordRoute<?> lastRoute;

  /** Records for the topics of {@code catalog}, written with {@code serdes}. */
  public EventRecords(TopicCatalog catalog, EventSerdes serdes) {
    this(catalog, serdes, new MetricRegistry()); // counted nowhere anyone reads
  }

  /** As above, each type's route counting into {@code metrics} (the publisher's counters). */
  EventRecords(TopicCatalog catalog, EventSerdes serdes, MetricRegistry metrics) {
    this.catalog = catalog;
    this.serdes = serdes;
    this.metrics = metrics;
  }

  /**
   * The record carrying {@code event} on its catalog topic, stamped with its {@code occurred_at}.
   *
   * @throws IllegalArgumentException when the event has no key or cannot be serialized
   */
  public <T extends SpecificRecord> ProducerRecord<byte[], byte[]> of(T event) {
    @SuppressWarnings("unchecked")
    RecordRoute<T> route = route((Class<T>) event.getClass());
    return route.record(event, route.keyOf(event));
  }

  /** The route of {@code type}, made once. */
  @SuppressWarnings("unchecked")
  <T extends SpecificRecord> RecordRoute<T> route(Class<T> type) {
    RecordRoute<?> last = lastRoute; // a writer often sends runs of one type: skip the map then
    if (last != null && last.type == type) {
      return (RecordRoute<T>) last;
    }
    RecordRoute<?> route =
        routes.computeIfAbsent(
            type, t -> new RecordRoute<>(catalog.topicFor(type), type, serdes, metrics));
    lastRoute = route;
    return (RecordRoute<T>) route;
  }
}
