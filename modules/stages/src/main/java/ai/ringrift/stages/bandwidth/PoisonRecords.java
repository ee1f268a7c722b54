package ai.ringrift.stages.bandwidth;

import ai.ringrift.events.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the allocator cannot decode go to their topic's DLQ, with headers naming the error, and
 * are otherwise skipped: one bad record never stops allocation. Header names are the subscriber
 * library's ({@code ringrift.dlq.*}).
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
              headers(record, error).forEach((k, v) -> add(dead.headers(), k, v));
              producer.send(dead);
            });
  }

  private Map<String, String> headers(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
    String now = Instant.now().toString();
    return Map.of(
        "ringrift.dlq.original-topic", record.topic(),
        "ringrift.dlq.original-partition", Integer.toString(record.partition()),
        "ringrift.dlq.original-offset", Long.toString(record.offset()),
        "ringrift.dlq.original-timestamp", Long.toString(record.timestamp()),
        "ringrift.dlq.exception-class", e.getClass().getName(),
        "ringrift.dlq.exception-message", String.valueOf(e.getMessage()),
        "ringrift.dlq.attempts", "1",
        "ringrift.dlq.first-failure", now,
        "ringrift.dlq.reason", "POISON",
        "ringrift.dlq.subscriber", reader);
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
