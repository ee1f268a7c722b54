package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.client.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records on unchanged (replay, redrive): a durable producer of bytes ({@code acks=all},
 * idempotent), and the first failed send remembered so the command can fail in one line after
 * {@code flush()}.
 */
final class Copier implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * A producer; with a transactional id, {@code initTransactions()} has fenced its predecessors.
   */
  Copier(KafkaSettings kafka, String transactionalId) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    if (transactionalId != null) {
      producer.initTransactions();
    }
  }

  /** The producer, for transactions and synchronous sends. */
  KafkaProducer<byte[], byte[]> producer() {
    return producer;
  }

  /** Sends {@code r}'s key, value and timestamp to {@code topic} with {@code headers}. */
  void send(ConsumerRecord<byte[], byte[]> r, String topic, Headers headers) {
    producer.send(copy(r, topic, headers), remember(topic));
  }

  /** The record {@code r} as it goes to {@code topic}. */
  static ProducerRecord<byte[], byte[]> copy(
      ConsumerRecord<byte[], byte[]> r, String topic, Headers headers) {
    return new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), headers);
  }

  /** Waits for every send; the first failure is one line naming the topic. */
  void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new CliException("could not write: " + e.getMessage(), e);
    }
  }

  private Callback remember(String topic) {
    return (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, new IllegalStateException(topic + ": " + e.getMessage(), e));
      }
    };
  }

  /** The record key as text (keys are UTF-8 strings), or null. */
  static String keyText(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
