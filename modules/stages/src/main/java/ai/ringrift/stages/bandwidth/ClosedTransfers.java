package ai.ringrift.stages.bandwidth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of closed transfers with when each closed, in the order they closed. The allocator closes
 * ids with its clock's time, so that order is also time order, and forgetting what closed before a
 * horizon looks at the expired entries and the first one that is not: O(expired) per round, not
 * O(every transfer of the last grant TTL plus pending timeout). An id closed with an earlier time
 * than an id before it (a clock set back) is kept until everything before it has gone: longer than
 * needed, never shorter.
 */
final class ClosedTransfers {
  private final LinkedHashMap<String, Instant> closedAt = new LinkedHashMap<>();

  /** Remembers {@code id} as closed at {@code at}, unless it is closed already. */
  void close(String id, Instant at) {
    closedAt.putIfAbsent(id, at);
  }

  boolean contains(String id) {
    return closedAt.containsKey(id);
  }

  int size() {
    return closedAt.size();
  }

  /**
   * Forgets the ids that closed before {@code horizon}, oldest first, stopping at the first that
   * did not; returns how many entries it looked at (what a round costs).
   */
  int forgetBefore(Instant horizon) {
    int looked = 0;
    for (Iterator<Map.Entry<String, Instant>> it = closedAt.entrySet().iterator(); it.hasNext(); ) {
      looked++;
      if (!it.next().getValue().isBefore(horizon)) {
        break;
      }
      it.remove();
    }
    return looked;
  }
}
