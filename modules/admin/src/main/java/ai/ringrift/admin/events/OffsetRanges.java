package ai.ringrift.admin.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Records of one topic written as runs of offsets per partition, e.g. {@code partition 0: offsets
 * 12-19, 25; partition 1: offset 3}: a redrive of thousands of dead letters stays one short line.
 */
final class OffsetRanges {
  /** Where a record is: its partition and offset. */
  record Position(int partition, long offset) {}

  private OffsetRanges() {}

  /** {@code positions} as ranges per partition, partitions and offsets in order. */
  static String describe(Collection<Position> positions) {
    Map<Integer, TreeSet<Long>> byPartition = new TreeMap<>();
    positions.forEach(
        p -> byPartition.computeIfAbsent(p.partition(), k -> new TreeSet<>()).add(p.offset()));
    List<String> parts = new ArrayList<>();
    byPartition.forEach(
        (partition, offsets) ->
            parts.add(
                "partition "
                    + partition
                    + ": "
                    + (offsets.size() == 1 ? "offset " : "offsets ")
                    + ranges(offsets)));
    return String.join("; ", parts);
  }

  private static String ranges(TreeSet<Long> offsets) {
    List<String> runs = new ArrayList<>();
    Long start = null;
    Long end = null;
    for (long offset : offsets) {
      if (end != null && offset == end + 1) {
        end = offset;
        continue;
      }
      if (start != null) {
        runs.add(run(start, end));
      }
      start = offset;
      end = offset;
    }
    if (start != null) {
      runs.add(run(start, end));
    }
    return String.join(", ", runs);
  }

  private static String run(long start, long end) {
    return start == end ? Long.toString(start) : start + "-" + end;
  }
}
