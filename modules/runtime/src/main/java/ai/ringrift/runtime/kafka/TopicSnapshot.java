package ai.ringrift.runtime.kafka;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic up to its end as of the call (committed records only), without a consumer group:
 * state topics read as a table, recent events for status views.
 */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  /**
   * Every committed record of {@code topic} up to its end when called, in partition order.
   *
   * @throws TimeoutException when the end was not reached within {@code timeout}
   */
  public static <V> List<ConsumerRecord<String, V>> read(
      KafkaSettings kafka,
      String topic,
      Deserializer<String> keys,
      Deserializer<V> values,
      Duration timeout)
      throws TimeoutException {
    return readSince(kafka, topic, keys, values, Instant.EPOCH, timeout);
  }

  /** The committed records of {@code topic} written since {@code from}, up to its end now. */
  public static <V> List<ConsumerRecord<String, V>> readSince(
      KafkaSettings kafka,
      String topic,
      Deserializer<String> keys,
      Deserializer<V> values,
      Instant from,
      Duration timeout)
      throws TimeoutException {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      seek(consumer, partitions, from, end, timeout);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("did not reach the end of " + topic + " within " + timeout);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }

  /** True when the consumer's position reached {@code end} on every partition. */
  public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void seek(
      Consumer<?, ?> consumer,
      List<TopicPartition> partitions,
      Instant from,
      Map<TopicPartition, Long> end,
      Duration timeout) {
    if (!from.isAfter(Instant.EPOCH)) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp start = starts.get(p);
      consumer.seek(p, start == null ? end.get(p) : start.offset());
    }
  }
}
