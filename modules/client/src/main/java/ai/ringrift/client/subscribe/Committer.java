package ai.ringrift.client.subscribe;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, on the poll thread, the offsets up to which every record of a partition is done. A
 * record is done when its handler finished or it is safely in the DLQ, so a commit never skips an
 * event (at-least-once); offsets only move forward, in partition order.
 */
final class Committer {
  private static final Logger LOGGER = LoggerFactory.getLogger(Committer.class);

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> lastCommitted;
  private final long intervalMs;
  private long lastCommitAt;

  Committer(
      String name,
      Consumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> lastCommitted,
      long intervalMs) {
    this.name = name;
    this.consumer = consumer;
    this.lastCommitted = lastCommitted;
    this.intervalMs = intervalMs;
    this.lastCommitAt = System.currentTimeMillis();
  }

  /** Commits progress of {@code workers}; asynchronously and at most every interval unless sync. */
  void commit(Collection<PartitionWorker> workers, boolean sync) {
    long now = System.currentTimeMillis();
    if (!sync && now - lastCommitAt < intervalMs) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionWorker worker : workers) {
      long offset = worker.committable();
      if (offset >= 0 && offset > lastCommitted.getOrDefault(worker.partition(), -1L)) {
        offsets.put(worker.partition(), new OffsetAndMetadata(offset));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    lastCommitAt = now;
    offsets.forEach((partition, offset) -> lastCommitted.put(partition, offset.offset()));
    if (sync) {
      try {
        consumer.commitSync(offsets);
      } catch (KafkaException e) {
        LOGGER.warn(
            "subscriber={} commit of {} failed; those events will be handled again: {}",
            name,
            offsets,
            e.toString());
      }
    } else {
      consumer.commitAsync(
          offsets,
          (committed, error) -> {
            if (error != null) {
              LOGGER.warn("subscriber={} commit failed, retrying: {}", name, error.toString());
              offsets.keySet().forEach(lastCommitted::remove);
            }
          });
    }
  }
}
