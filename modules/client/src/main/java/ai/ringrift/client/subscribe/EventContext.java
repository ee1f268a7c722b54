package ai.ringrift.client.subscribe;

import java.time.Instant;

/**
 * Where an event came from, for handlers and logs.
 *
 * @param subscriber the subscriber's name (its consumer group)
 * @param topic the catalog topic
 * @param partition the partition
 * @param offset the record's offset
 * @param key the record key, e.g. {@code square8_2p}
 * @param timestamp the record's timestamp
 * @param attempt 1 for the first try, 2 for the first retry, ...
 */
public record EventContext(
    String subscriber,
    String topic,
    int partition,
    long offset,
    String key,
    Instant timestamp,
    int attempt) {
  EventContext nextAttempt() {
    return new EventContext(subscriber, topic, partition, offset, key, timestamp, attempt + 1);
  }
}
