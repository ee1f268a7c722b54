package ai.ringrift.runtime.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind: per partition, the log end offset minus the group's committed
 * offset (partitions it never committed do not count).
 *
 * @param group the consumer group
 * @param partitions lag by partition
 */
public record ConsumerLag(String group, Map<TopicPartition, Long> partitions) {
  public ConsumerLag {
    partitions = Map.copyOf(partitions);
  }

  /** The group's lag now, read with {@code admin}. */
  public static ConsumerLag read(Admin admin, String group, Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    long ms = timeout.toMillis();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(ms, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.forEach(
        (tp, offset) -> {
          if (offset != null) {
            latest.put(tp, OffsetSpec.latest());
          }
        });
    Map<TopicPartition, Long> lag = new HashMap<>();
    if (!latest.isEmpty()) {
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
      ends.forEach(
          (tp, end) -> lag.put(tp, Math.max(0, end.offset() - committed.get(tp).offset())));
    }
    return new ConsumerLag(group, lag);
  }

  /** The lag summed over the group's partitions. */
  public long total() {
    return partitions.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The partition furthest behind, if the group committed anything. */
  public Optional<Map.Entry<TopicPartition, Long>> worst() {
    return partitions.entrySet().stream().max(Map.Entry.comparingByValue());
  }
}
