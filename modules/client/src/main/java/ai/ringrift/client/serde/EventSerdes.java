package ai.ringrift.client.serde;

import ai.ringrift.events.catalog.TopicCatalog;
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

  /** Plain Avro binary values: no framing, the reader must know the writer's schema. */
  static EventSerdes plainAvro(TopicCatalog catalog) {
    return new PlainAvroSerdes(catalog);
  }
}
