package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the allocator cannot decode go to their topic's DLQ, with headers naming the error, and
 * are otherwise skipped: one bad record never stops allocation. The headers are the platform's one
 * contract, {@link DeadLetterHeaders}.
 */
final class PoisonRecords {
  private static final Logger LOGGER = LoggerFactory.getLogger(PoisonRecords.class);

  private final TopicCatalog catalog;
  private final Producer<byte[], byte[]> producer;
  private final String reader;

  PoisonRecords(TopicCatalog catalog, Producer<byte[], byte[]> producer, String reader) {
    this.catalog = catalog;
    this.producer = producer;
    this.reader = reader;
  }

  /**
   * Logs {@code record} and, when it was read {@code live} (it arrived during this term), sends it
   * to its DLQ. Every term re-reads the topics from the beginning; forwarding only live records
   * keeps one copy per poison record in the DLQ (a record that arrived while no allocator ran is
   * only logged).
   */
  void divert(ConsumerRecord<byte[], byte[]> record, RuntimeException error, boolean live) {
    LOGGER.warn(
        "topic={} partition={} offset={} poison record skipped: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        error.getMessage());
    if (!live) {
      return;
    }
    catalog
        .dlqFor(record.topic())
        .ifPresent(
            dlq -> {
              ProducerRecord<byte[], byte[]> dead =
                  new ProducerRecord<>(dlq.name(), null, record.key(), record.value());
              record.headers().forEach(h -> dead.headers().add(h));
              headers(record, error).forEach((k, v) -> DeadLetterHeaders.put(dead.headers(), k, v));
              producer.send(dead);
            });
  }

  private Map<String, String> headers(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
    String now = Instant.now().toString();
    return Map.of(
        DeadLetterHeaders.ORIGINAL_TOPIC, record.topic(),
        DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()),
        DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()),
        DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()),
        DeadLetterHeaders.EXCEPTION_CLASS, e.getClass().getName(),
        DeadLetterHeaders.EXCEPTION_MESSAGE, String.valueOf(e.getMessage()),
        DeadLetterHeaders.ATTEMPTS, "1",
        DeadLetterHeaders.FIRST_FAILURE, now,
        DeadLetterHeaders.REASON, "POISON",
        DeadLetterHeaders.SUBSCRIBER, reader);
  }
}
