package ai.ringrift.client.history;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A topic read once up to its end as of the call (committed records only) with the group-less
 * {@link TopicReader}, decoded: state topics read as a table, recent events for status views.
 */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  /**
   * Every committed record of {@code topic} up to its end when called, in partition order; none
   * when the topic does not exist.
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
    try (TopicReader reader = new TopicReader(kafka, timeout)) {
      List<TopicPartition> partitions = reader.existingPartitions(List.of(topic));
      partitions.sort(Comparator.comparingInt(TopicPartition::partition));
      Map<TopicPartition, Long> ends = reader.ends(partitions);
      Map<TopicPartition, Long> starts =
          from.isAfter(Instant.EPOCH)
              ? reader.offsetsAt(partitions, from.toEpochMilli(), ends)
              : reader.beginnings(partitions);
      Map<Integer, List<ConsumerRecord<String, V>>> byPartition = new TreeMap<>();
      reader.read(
          starts,
          ends,
          r ->
              byPartition
                  .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                  .add(decoded(r, keys, values)));
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      byPartition.values().forEach(records::addAll);
      return records;
    } catch (HistoryException e) {
      TimeoutException timedOut = new TimeoutException(e.getMessage());
      timedOut.initCause(e);
      throw timedOut;
    }
  }

  /** True when {@code consumer}'s position reached {@code end} on every partition. */
  public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static <V> ConsumerRecord<String, V> decoded(
      ConsumerRecord<byte[], byte[]> raw, Deserializer<String> keys, Deserializer<V> values) {
    return new ConsumerRecord<>(
        raw.topic(),
        raw.partition(),
        raw.offset(),
        raw.timestamp(),
        raw.timestampType(),
        raw.serializedKeySize(),
        raw.serializedValueSize(),
        keys.deserialize(raw.topic(), raw.headers(), raw.key()),
        values.deserialize(raw.topic(), raw.headers(), raw.value()),
        raw.headers(),
        raw.leaderEpoch());
  }
}
