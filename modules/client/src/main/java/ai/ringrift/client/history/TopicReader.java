package ai.ringrift.client.history;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads ranges of partitions with an assigned consumer that has no group: it commits nothing, so no
 * live subscriber's offsets ever move.
 */
final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout;

  TopicReader(KafkaSettings kafka, Duration timeout) {
    Map<String, Object> config = kafka.clientConfig();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // a position the broker refuses is reset to the range's start side, never past its records
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(config);
    this.timeout = timeout;
  }

  List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new HistoryException("topic " + topic + " does not exist on the cluster", null);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    return partitions;
  }

  /** The partitions of those of {@code topics} that exist (and this client may describe). */
  List<TopicPartition> existingPartitions(Collection<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .listTopics(timeout)
        .forEach(
            (topic, infos) -> {
              if (topics.contains(topic)) {
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
              }
            });
    return partitions;
  }

  Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) {
    assignFirst(partitions);
    return consumer.beginningOffsets(partitions, timeout);
  }

  Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
    assignFirst(partitions);
    return consumer.endOffsets(partitions, timeout);
  }

  /**
   * Assigns {@code partitions} before their offsets are listed: the consumer records listed offsets
   * of its assigned partitions and logs a warning for each one it is not assigned.
   */
  private void assignFirst(Collection<TopicPartition> partitions) {
    if (!consumer.assignment().containsAll(partitions)) {
      consumer.assign(List.copyOf(partitions));
    }
  }

  /**
   * The first offset at or after {@code epochMillis} per partition; the end where there is none.
   */
  Map<TopicPartition, Long> offsetsAt(
      Collection<TopicPartition> partitions, long epochMillis, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, epochMillis));
    Map<TopicPartition, Long> starts = new HashMap<>();
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp at = found.get(p);
      starts.put(p, at == null ? ends.get(p) : at.offset());
    }
    return starts;
  }

  /**
   * Gives {@code sink} every record from {@code starts} up to (not including) {@code ends}, in
   * offset order per partition.
   *
   * @throws HistoryException when the range is not read within the timeout
   */
  void read(
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    List<TopicPartition> pending = new ArrayList<>();
    starts.forEach(
        (p, start) -> {
          if (start < ends.get(p)) {
            pending.add(p);
          }
        });
    List<TopicPartition> assigned = List.copyOf(pending);
    consumer.assign(assigned);
    consumer.resume(assigned); // paused by an earlier read of the same partitions
    pending.forEach(p -> consumer.seek(p, starts.get(p)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new HistoryException(
            "could not read " + pending + " to their end within " + timeout.toMillis() + " ms",
            null);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() >= starts.get(partition) && record.offset() < ends.get(partition)) {
          sink.accept(record);
        }
      }
      pending.removeIf(p -> consumer.position(p) >= ends.get(p));
      consumer.pause(finished(assigned, pending));
    }
  }

  /** As {@link #read(Map, Map, Consumer)}, giving {@code sink} the records that decode. */
  void read(
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends,
      RecordDecoder decoder,
      Consumer<RecordedEvent<SpecificRecord>> sink) {
    read(starts, ends, record -> decoder.decode(record).ifPresent(sink));
  }

  private static List<TopicPartition> finished(
      Collection<TopicPartition> all, Collection<TopicPartition> pending) {
    List<TopicPartition> done = new ArrayList<>(all);
    done.removeAll(pending);
    return done;
  }

  @Override
  public void close() {
    try {
      consumer.close(Duration.ZERO);
    } catch (KafkaException e) {
      // reading is over; nothing was committed, nothing to lose
    }
  }
}
