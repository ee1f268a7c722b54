package ai.ringrift.client.history;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.events.catalog.TopicSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes raw records (as {@link TopicReader} reads them) of known catalog topics into events;
 * counts and skips the ones that do not decode, with a warning naming where they are, except a
 * record of the other wire format, which fails the read with a {@link WireFormatMismatchException}.
 */
public final class RecordDecoder {
  private static final Logger LOGGER = LoggerFactory.getLogger(RecordDecoder.class);

  private final Deserializer<String> keys;
  private final Map<String, Deserializer<? extends SpecificRecord>> values = new HashMap<>();
  private long undecodable;

  /** A decoder of the records of {@code topics}, each of which must carry events. */
  public RecordDecoder(EventSerdes serdes, List<TopicSpec> topics) {
    this.keys = serdes.key().deserializer();
    for (TopicSpec topic : topics) {
      values.put(topic.name(), serdes.value(topic.valueType().orElseThrow()).deserializer());
    }
  }

  /** The event {@code record} carries, or empty when it does not decode (or has no value). */
  public Optional<RecordedEvent<SpecificRecord>> decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      String key = keys.deserialize(record.topic(), record.headers(), record.key());
      SpecificRecord event =
          values.get(record.topic()).deserialize(record.topic(), record.headers(), record.value());
      if (event == null) {
        throw new IllegalArgumentException("record has no value");
      }
      return Optional.of(
          new RecordedEvent<>(
              record.topic(),
              record.partition(),
              record.offset(),
              Instant.ofEpochMilli(record.timestamp()),
              key,
              event));
    } catch (RuntimeException e) {
      // the other wire format is a setting to fix, not bad data (Failures.Kind.MISCONFIGURED)
      WireFormatMismatchException.in(e)
          .ifPresent(
              mismatch -> {
                throw mismatch;
              });
      undecodable++;
      LOGGER.warn(
          "skipping undecodable record topic={} partition={} offset={}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Records that did not decode so far. */
  public long undecodable() {
    return undecodable;
  }
}
