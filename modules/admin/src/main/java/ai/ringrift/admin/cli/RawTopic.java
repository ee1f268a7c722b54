package ai.ringrift.admin.cli;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.HistoryException;
import ai.ringrift.client.history.ReadTimeoutException;
import ai.ringrift.client.history.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The commands' view of the group-less {@link TopicReader}: records of a topic as bytes, committed
 * records only, no service's offsets moved; a missing topic or a read that stalls is one line
 * saying what to do. The commands that copy records (replay, redrive) keep their bytes as they are;
 * the ones that show them decode them.
 */
public final class RawTopic implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final TopicReader reader;

  public RawTopic(KafkaSettings kafka) {
    this.reader = new TopicReader(kafka, ClusterOptions.TIMEOUT);
  }

  /** The partitions of {@code topic}; a topic missing on the cluster is one line saying so. */
  public List<TopicPartition> partitions(String topic) {
    try {
      return reader.partitions(topic);
    } catch (HistoryException e) {
      throw new CliException(
          "topic "
              + topic
              + " does not exist on the cluster; `ringrift topics apply` creates the"
              + " catalog's topics");
    }
  }

  public Map<TopicPartition, Long> begins(Collection<TopicPartition> partitions) {
    return reader.beginnings(partitions);
  }

  public Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
    return reader.ends(partitions);
  }

  /** The first offset at or after {@code time} per partition; the end where there is none. */
  public Map<TopicPartition, Long> offsetsAt(
      Collection<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> ends) {
    return reader.offsetsAt(partitions, time.toEpochMilli(), ends);
  }

  /**
   * Gives {@code sink} every record from {@code starts} up to (not including) {@code ends}, in
   * offset order per partition; fails when no record arrives for the timeout while some are due.
   */
  public void read(
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try {
      reader.read(starts, ends, sink);
    } catch (ReadTimeoutException e) {
      throw new CliException(
          "no record of "
              + e.pending()
              + " arrived within "
              + ClusterOptions.TIMEOUT.toSeconds()
              + " s; is the"
              + " cluster healthy? (`ringrift cluster status`)");
    }
  }

  /** Assigns {@code starts} for an open-ended read with {@link #poll()}. */
  public void follow(Map<TopicPartition, Long> starts) {
    reader.follow(starts);
  }

  /** One poll of the assigned partitions (empty after {@link #wakeup()}). */
  public Iterable<ConsumerRecord<byte[], byte[]>> poll() {
    return reader.poll(POLL);
  }

  /** Makes a blocked {@link #poll()} return at once (from another thread). */
  public void wakeup() {
    reader.wakeup();
  }

  @Override
  public void close() {
    reader.close();
  }
}
