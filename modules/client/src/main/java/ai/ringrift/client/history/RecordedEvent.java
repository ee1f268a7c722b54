package ai.ringrift.client.history;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event as it is stored on its topic.
 *
 * @param topic the catalog topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp the record's timestamp
 * @param key the record key, e.g. {@code square8_2p}
 * @param event the decoded event
 * @param <T> the event type
 */
public record RecordedEvent<T extends SpecificRecord>(
    String topic, int partition, long offset, Instant timestamp, String key, T event) {
  /** The same record typed as {@code type}, which its event must be. */
  <U extends SpecificRecord> RecordedEvent<U> as(Class<U> type) {
    return new RecordedEvent<>(topic, partition, offset, timestamp, key, type.cast(event));
  }
}
