package ai.ringrift.client.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * Merges per-partition lists into one by record time, never reordering a partition: a partition's
 * records stay in offset order even when their timestamps do not (clock skew between producers).
 */
final class TimeMerge {
  private TimeMerge() {}

  private record Head(List<RecordedEvent<SpecificRecord>> list, int index) {
    RecordedEvent<SpecificRecord> event() {
      return list.get(index);
    }
  }

  static List<RecordedEvent<SpecificRecord>> merge(
      Collection<List<RecordedEvent<SpecificRecord>>> partitions) {
    PriorityQueue<Head> heads =
        new PriorityQueue<>(
            (a, b) -> {
              int byTime = a.event().timestamp().compareTo(b.event().timestamp());
              return byTime != 0 ? byTime : Long.compare(a.event().offset(), b.event().offset());
            });
    int total = 0;
    for (List<RecordedEvent<SpecificRecord>> list : partitions) {
      if (!list.isEmpty()) {
        heads.add(new Head(list, 0));
        total += list.size();
      }
    }
    List<RecordedEvent<SpecificRecord>> merged = new ArrayList<>(total);
    while (!heads.isEmpty()) {
      Head head = heads.poll();
      merged.add(head.event());
      if (head.index() + 1 < head.list().size()) {
        heads.add(new Head(head.list(), head.index() + 1));
      }
    }
    return merged;
  }
}
