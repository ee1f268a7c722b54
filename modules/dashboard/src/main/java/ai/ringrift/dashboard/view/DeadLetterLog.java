package ai.ringrift.dashboard.view;

import ai.ringrift.client.subscribe.DeadLetterHeaders;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead letters of every DLQ: how many (a record dead-lettered twice for the same failure, e.g.
 * redelivered to the subscriber after a crash, counts once), when the last came, and the newest
 * ones with their {@code ringrift.dlq.*} headers for the list a click opens.
 */
final class DeadLetterLog {
  private final int keep;
  private final Map<String, Topic> topics = new TreeMap<>();
  private final java.util.Set<String> seen;

  DeadLetterLog(int keep, int remember) {
    this.keep = keep;
    this.seen =
        java.util.Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remember;
              }
            });
  }

  /** A DLQ exists (shown with a count of 0 before anything arrives). */
  void known(String dlq) {
    topics.computeIfAbsent(dlq, t -> new Topic());
  }

  /** A dead letter; returns false for a copy of one counted already. */
  boolean add(DeadLetter letter) {
    if (!seen.add(identity(letter))) {
      return false;
    }
    Topic topic = topics.computeIfAbsent(letter.dlq(), t -> new Topic());
    topic.count++;
    topic.lastAt = Math.max(topic.lastAt, letter.at());
    topic.newest.addFirst(letter);
    while (topic.newest.size() > keep) {
      topic.newest.removeLast();
    }
    return true;
  }

  /** Per DLQ: the count and the time of the newest. */
  Map<String, Map<String, Object>> snapshot() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    topics.forEach(
        (name, t) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("count", t.count);
          row.put("lastAt", t.lastAt == 0 ? null : t.lastAt);
          out.put(name, row);
        });
    return out;
  }

  /** The newest dead letters of {@code dlq}, newest first; null for a topic it never saw. */
  List<DeadLetter> letters(String dlq) {
    Topic topic = topics.get(dlq);
    return topic == null ? null : List.copyOf(topic.newest);
  }

  /**
   * The same failure of the same record by the same subscriber is one dead letter, wherever it
   * landed in the DLQ; a record without the headers is known only by its place.
   */
  private static String identity(DeadLetter letter) {
    Map<String, String> h = letter.failure();
    String origin = h.get(DeadLetterHeaders.ORIGINAL_TOPIC);
    if (origin == null) {
      return letter.dlq() + "@" + letter.partition() + "@" + letter.offset();
    }
    return String.join(
        "|",
        origin,
        h.getOrDefault(DeadLetterHeaders.ORIGINAL_PARTITION, ""),
        h.getOrDefault(DeadLetterHeaders.ORIGINAL_OFFSET, ""),
        h.getOrDefault(DeadLetterHeaders.SUBSCRIBER, ""));
  }

  private static final class Topic {
    long count;
    long lastAt;
    final Deque<DeadLetter> newest = new ArrayDeque<>();
  }
}
