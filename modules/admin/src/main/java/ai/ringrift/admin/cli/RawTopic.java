package ai.ringrift.admin.cli;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records of a topic as bytes, read with an assigned consumer that belongs to no group and commits
 * nothing (so no service's offsets move), committed records only. The commands that copy records
 * (replay, redrive) keep their bytes as they are; the ones that show them decode them.
 */
public final class RawTopic implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout = ClusterOptions.TIMEOUT;

  public RawTopic(KafkaSettings kafka) {
    Map<String, Object> config = kafka.clientConfig();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The partitions of {@code topic}; a topic missing on the cluster is one line saying so. */
  public List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new CliException(
          "topic "
              + topic
              + " does not exist on the cluster; `ringrift topics apply` creates the"
              + " catalog's topics");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
    return partitions;
  }

  public Map<TopicPartition, Long> begins(Collection<TopicPartition> partitions) {
    return consumer.beginningOffsets(partitions, timeout);
  }

  public Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
    return consumer.endOffsets(partitions, timeout);
  }

  /** The first offset at or after {@code time} per partition; the end where there is none. */
  public Map<TopicPartition, Long> offsetsAt(
      Collection<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp at = found.get(p);
      starts.put(p, at == null ? ends.get(p) : at.offset());
    }
    return starts;
  }

  /**
   * Gives {@code sink} every record from {@code starts} up to (not including) {@code ends}, in
   * offset order per partition; fails when no record arrives for the timeout while some are due.
   */
  public void read(
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
    consumer.assign(pending);
    pending.forEach(p -> consumer.seek(p, starts.get(p)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "no record of "
                + pending
                + " arrived within "
                + timeout.toSeconds()
                + " s; is the"
                + " cluster healthy? (`ringrift cluster status`)");
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
          sink.accept(r);
          deadline = System.nanoTime() + timeout.toNanos();
        }
      }
      // transaction markers and aborted records count toward the position, not the sink
      pending.removeIf(p -> consumer.position(p) >= ends.get(p));
    }
  }

  /** Assigns {@code starts} for an open-ended read with {@link #poll()}. */
  public void follow(Map<TopicPartition, Long> starts) {
    consumer.assign(starts.keySet());
    starts.forEach(consumer::seek);
  }

  /** One poll of the assigned partitions (empty after {@link #wakeup()}). */
  public Iterable<ConsumerRecord<byte[], byte[]>> poll() {
    try {
      return consumer.poll(POLL);
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      return List.of();
    }
  }

  /** Makes a blocked {@link #poll()} return at once (from another thread). */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    try {
      consumer.close(Duration.ZERO);
    } catch (KafkaException e) {
      // nothing was committed, nothing to lose
    }
  }
}
