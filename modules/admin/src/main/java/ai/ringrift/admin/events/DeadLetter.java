package ai.ringrift.admin.events;

import ai.ringrift.client.subscribe.DeadLetterHeaders;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record in a dead-letter topic: the original key, value and headers, the {@code ringrift.dlq.*}
 * headers naming the failure, and whether it was redriven.
 *
 * @param record the DLQ record as stored
 * @param failure its {@code ringrift.dlq.*} headers
 * @param redriven the redrive of this record, if there was one
 */
record DeadLetter(
    ConsumerRecord<byte[], byte[]> record,
    Map<String, String> failure,
    Optional<RedriveMarker> redriven) {

  long offset() {
    return record.offset();
  }

  /** Where it is in the DLQ: {@code partition@offset}. */
  String position() {
    return record.partition() + "@" + record.offset();
  }

  Instant time() {
    return Instant.ofEpochMilli(record.timestamp());
  }

  /** The topic it was read from (where a redrive sends it). */
  String originalTopic() {
    return failure.get(DeadLetterHeaders.ORIGINAL_TOPIC);
  }

  /** {@code topic-partition@offset} it was read from. */
  String origin() {
    return originalTopic()
        + "-"
        + failure.getOrDefault(DeadLetterHeaders.ORIGINAL_PARTITION, "?")
        + "@"
        + failure.getOrDefault(DeadLetterHeaders.ORIGINAL_OFFSET, "?");
  }

  String reason() {
    return failure.getOrDefault(DeadLetterHeaders.REASON, "-");
  }

  String attempts() {
    return failure.getOrDefault(DeadLetterHeaders.ATTEMPTS, "-");
  }

  String subscriber() {
    return failure.getOrDefault(DeadLetterHeaders.SUBSCRIBER, "-");
  }

  /** The consumer group that gave up on it, when the dead letter names one. */
  Optional<String> failedIn() {
    String group = failure.get(DeadLetterHeaders.SUBSCRIBER);
    return group == null || group.isBlank() ? Optional.empty() : Optional.of(group);
  }

  /** Where it is in the DLQ. */
  OffsetRanges.Position where() {
    return new OffsetRanges.Position(record.partition(), record.offset());
  }

  /** The failure's class (simple name) and message. */
  String error() {
    String type = failure.getOrDefault(DeadLetterHeaders.EXCEPTION_CLASS, "");
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple + ": " + failure.getOrDefault(DeadLetterHeaders.EXCEPTION_MESSAGE, "");
  }
}
