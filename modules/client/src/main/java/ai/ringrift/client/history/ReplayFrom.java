package ai.ringrift.client.history;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Where a replay starts in each partition of the topic. */
public sealed interface ReplayFrom {
  /** The oldest record the topic still holds. */
  static ReplayFrom beginning() {
    return new Beginning();
  }

  /** The first record at or after {@code time} in each partition. */
  static ReplayFrom timestamp(Instant time) {
    return new Timestamp(Objects.requireNonNull(time, "time"));
  }

  /** {@code offset} in every partition (clamped to what the partition holds). */
  static ReplayFrom offset(long offset) {
    return new Offsets(Map.of(), offset);
  }

  /** A start offset per partition; partitions not named start at their end (replay nothing). */
  static ReplayFrom offsets(Map<Integer, Long> byPartition) {
    return new Offsets(Map.copyOf(byPartition), -1);
  }

  /** From the beginning. */
  record Beginning() implements ReplayFrom {}

  /**
   * From a time.
   *
   * @param time the earliest record time to replay
   */
  record Timestamp(Instant time) implements ReplayFrom {}

  /**
   * From offsets.
   *
   * @param byPartition start offset per partition
   * @param everyPartition start offset of partitions not in the map, or -1 for their end
   */
  record Offsets(Map<Integer, Long> byPartition, long everyPartition) implements ReplayFrom {}
}
