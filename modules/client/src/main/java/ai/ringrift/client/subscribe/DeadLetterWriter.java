package ai.ringrift.client.subscribe;

import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records a subscriber gave up on to their topic's DLQ: the original key, value and headers
 * (the bytes as read, so an undecodable record is kept as it was) plus {@link DeadLetterHeaders}.
 * The producer is made on first use: most subscribers never need it.
 */
final class DeadLetterWriter implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterWriter.class);
  private static final int MAX_MESSAGE_CHARS = 4000;

  private final String subscriber;
  private final TopicCatalog catalog;
  private final Supplier<Producer<byte[], byte[]>> factory;
  private Producer<byte[], byte[]> producer;

  DeadLetterWriter(
      String subscriber, TopicCatalog catalog, Supplier<Producer<byte[], byte[]>> factory) {
    this.subscriber = subscriber;
    this.catalog = catalog;
    this.factory = factory;
  }

  /** The DLQ of {@code topic}, when the catalog gives it one. */
  Optional<String> dlqOf(String topic) {
    return catalog.find(topic).flatMap(t -> catalog.dlqFor(t.name())).map(TopicSpec::name);
  }

  /** Sends {@code record} to {@code dlq}; the future completes when the broker acknowledged it. */
  CompletableFuture<Void> send(
      String dlq, ConsumerRecord<byte[], byte[]> record, FailureTrail trail) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      producer()
          .send(
              new ProducerRecord<>(dlq, null, record.key(), record.value(), headers(record, trail)),
              (metadata, error) -> {
                if (error == null) {
                  sent.complete(null);
                } else {
                  sent.completeExceptionally(error);
                }
              });
    } catch (RuntimeException e) {
      sent.completeExceptionally(e);
    }
    return sent;
  }

  private Headers headers(ConsumerRecord<byte[], byte[]> record, FailureTrail trail) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
    DeadLetterHeaders.put(
        headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
    DeadLetterHeaders.put(
        headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
    DeadLetterHeaders.put(
        headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()));
    DeadLetterHeaders.put(
        headers, DeadLetterHeaders.EXCEPTION_CLASS, trail.last().getClass().getName());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, message(trail.last()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(trail.attempts()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.FIRST_FAILURE, trail.first().toString());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.LAST_FAILURE, trail.lastAt().toString());
    DeadLetterHeaders.put(
        headers,
        DeadLetterHeaders.REASON,
        trail.kind() == Failures.Kind.POISON ? "POISON" : "RETRIES_EXHAUSTED");
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SUBSCRIBER, subscriber);
    return headers;
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
  }

  private synchronized Producer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = factory.get();
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      try {
        producer.close();
      } catch (RuntimeException e) {
        LOGGER.warn("subscriber={} closing the DLQ producer failed", subscriber, e);
      }
    }
  }
}
