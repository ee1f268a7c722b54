package ai.ringrift.client.subscribe;

import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.charset.StandardCharsets;
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
    put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
    put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
    put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
    put(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()));
    put(headers, DeadLetterHeaders.EXCEPTION_CLASS, trail.last().getClass().getName());
    put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, message(trail.last()));
    put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(trail.attempts()));
    put(headers, DeadLetterHeaders.FIRST_FAILURE, trail.first().toString());
    put(headers, DeadLetterHeaders.LAST_FAILURE, trail.lastAt().toString());
    put(
        headers,
        DeadLetterHeaders.REASON,
        trail.kind() == Failures.Kind.POISON ? "POISON" : "RETRIES_EXHAUSTED");
    put(headers, DeadLetterHeaders.SUBSCRIBER, subscriber);
    return headers;
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key); // a record dead-lettered before keeps only the latest story
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
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
