package ai.ringrift.client.history;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The platform's group-less topic reader: an assigned consumer that belongs to no consumer group
 * and commits nothing, so no live subscriber's offsets ever move, reading committed records only
 * (unless the settings say otherwise) as bytes.
 *
 * <p>Two ways to read: a bounded range ({@link #read(Map, Map, Consumer)}: from given offsets up to
 * the ends taken before, e.g. the recent past; {@link TopicSnapshot} reads a whole topic so), or
 * open-ended ({@link #follow(Map)} then {@link #poll(Duration)} until {@link #close()}, e.g. a live
 * view; {@link TopicFollower} does that on a thread of its own). Not thread-safe, like the consumer
 * it wraps; only {@link #wakeup()} may be called from another thread. Every group-less read of the
 * platform (the CLI's, the runtime's, the stages' state tables, the dashboard's feed) goes through
 * this class.
 *
 * <pre>{@code
 * try (TopicReader reader = new TopicReader(kafka, Duration.ofSeconds(30))) {
 *   List<TopicPartition> partitions = reader.partitions("ringrift.state.models");
 *   reader.read(reader.beginnings(partitions), reader.ends(partitions), record -> ...);
 * }
 * }</pre>
 */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout;

  /**
   * A reader on the cluster {@code kafka} names; metadata calls and bounded reads give up after
   * {@code timeout}.
   */
  public TopicReader(KafkaSettings kafka, Duration timeout) {
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

  /**
   * The partitions of {@code topic}, in partition order.
   *
   * @throws HistoryException when the topic does not exist on the cluster
   */
  public List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new HistoryException("topic " + topic + " does not exist on the cluster", null);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
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

  /** The first offset each partition still holds. */
  public Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) {
    return assignedWhile(partitions, () -> consumer.beginningOffsets(partitions, timeout));
  }

  /** The offset after the last committed record of each partition, now. */
  public Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
    return assignedWhile(partitions, () -> consumer.endOffsets(partitions, timeout));
  }

  /**
   * The first offset at or after {@code epochMillis} per partition; the end where there is none.
   */
  public Map<TopicPartition, Long> offsetsAt(
      Collection<TopicPartition> partitions, long epochMillis, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, epochMillis));
    Map<TopicPartition, Long> starts = new HashMap<>();
    Map<TopicPartition, OffsetAndTimestamp> found =
        assignedWhile(partitions, () -> consumer.offsetsForTimes(query, timeout));
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
   * @throws ReadTimeoutException when no record arrives for the timeout while some are due
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
    List<TopicPartition> assigned = List.copyOf(pending);
    consumer.assign(assigned);
    consumer.resume(assigned); // paused by an earlier read of the same partitions
    pending.forEach(p -> consumer.seek(p, starts.get(p)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new ReadTimeoutException(pending, timeout);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() >= starts.get(partition) && record.offset() < ends.get(partition)) {
          sink.accept(record);
          deadline = System.nanoTime() + timeout.toNanos(); // a long range is not a stall
        }
      }
      // transaction markers and aborted records count toward the position, not the sink
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

  /**
   * Adds {@code starts} to what {@link #poll(Duration)} reads, each partition from its offset;
   * partitions followed already keep their position.
   */
  public void follow(Map<TopicPartition, Long> starts) {
    Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
    assigned.addAll(starts.keySet());
    consumer.assign(assigned);
    consumer.resume(starts.keySet());
    starts.forEach(consumer::seek);
  }

  /** The partitions followed now. */
  public Set<TopicPartition> following() {
    return Set.copyOf(consumer.assignment());
  }

  /** The offset of the next record {@link #poll(Duration)} returns from {@code partition}. */
  public long position(TopicPartition partition) {
    return consumer.position(partition, timeout);
  }

  /**
   * The records that arrived on the followed partitions, waiting up to {@code wait} for some; empty
   * after {@link #wakeup()}.
   */
  public ConsumerRecords<byte[], byte[]> poll(Duration wait) {
    try {
      return consumer.poll(wait);
    } catch (WakeupException e) {
      return ConsumerRecords.empty();
    }
  }

  /** Makes a blocked {@link #poll(Duration)} return at once; the only thread-safe method. */
  public void wakeup() {
    consumer.wakeup();
  }

  /**
   * Runs an offset query with {@code partitions} assigned, then puts the assignment back (positions
   * of followed partitions are kept): the consumer learns the partitions' last stable offsets from
   * the answer, and warns about every one that is not assigned.
   */
  private <T> T assignedWhile(Collection<TopicPartition> partitions, Supplier<T> query) {
    Set<TopicPartition> before = consumer.assignment();
    if (before.containsAll(partitions)) {
      return query.get();
    }
    Set<TopicPartition> during = new HashSet<>(before);
    during.addAll(partitions);
    consumer.assign(during);
    try {
      return query.get();
    } finally {
      consumer.assign(before);
    }
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
