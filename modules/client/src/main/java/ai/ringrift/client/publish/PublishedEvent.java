package ai.ringrift.client.publish;

import java.time.Instant;

/**
 * An event the broker has acknowledged (written to every in-sync replica).
 *
 * @param eventId the event's id, or null for a state record (no header)
 * @param type the event's simple type name, e.g. {@code TrainingCompleted}
 * @param topic the catalog topic it went to
 * @param key the record key, e.g. {@code square8_2p}
 * @param partition the partition it landed on
 * @param offset its offset in that partition
 * @param timestamp the record's timestamp
 */
public record PublishedEvent(
    String eventId,
    String type,
    String topic,
    String key,
    int partition,
    long offset,
    Instant timestamp) {}
