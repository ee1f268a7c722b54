package ai.ringrift.benchmarks.loop;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Matches each hop's triggers with their answers in the order the observer reads them. A reader of
 * many partitions does not read them in the order they were written: when it is behind, one poll
 * can hand it an answer before the trigger it answers (another partition, later in the same poll or
 * in the next one). Such an answer waits here for its trigger and the pair counts as answered
 * early, with no latency (the reader cannot tell when the trigger became visible); before, the
 * trigger stayed unanswered for good. Not thread-safe: the observer holds its lock.
 */
final class HopMatcher {
  private static final long FORGET_NANOS = TimeUnit.MINUTES.toNanos(2);
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Map<Hop, LinkedHashMap<String, Long>> pending = new EnumMap<>(Hop.class);
  private final Map<Hop, LinkedHashMap<String, Long>> early = new EnumMap<>(Hop.class);
  private final Map<Hop, Histogram> latencies = new EnumMap<>(Hop.class);
  private final Map<Hop, Integer> answeredEarly = new EnumMap<>(Hop.class);

  HopMatcher() {
    for (Hop hop : Hop.values()) {
      pending.put(hop, new LinkedHashMap<>());
      early.put(hop, new LinkedHashMap<>());
      latencies.put(hop, new Histogram(MAX_MICROS, 3));
      answeredEarly.put(hop, 0);
    }
  }

  /**
   * A trigger of {@code hop} read at {@code now}; {@code counted} when it belongs to the measured
   * window (only those are measured, but an early answer is matched either way).
   */
  void trigger(Hop hop, String eventId, long now, boolean counted) {
    if (early.get(hop).remove(eventId) != null) {
      if (counted) {
        answeredEarly.merge(hop, 1, Integer::sum);
      }
    } else if (counted) {
      pending.get(hop).put(eventId, now);
    }
  }

  /** An answer of {@code hop} to the trigger {@code causationId}, read at {@code now}. */
  void reply(Hop hop, String causationId, long now) {
    if (causationId == null) {
      return;
    }
    Long since = pending.get(hop).remove(causationId);
    if (since != null) {
      latencies.get(hop).recordValue(Math.min(MAX_MICROS, (now - since) / 1000));
    } else {
      early.get(hop).put(causationId, now);
    }
  }

  /**
   * Forgets what waited more than two minutes: unanswered triggers, and answers whose trigger was
   * never read (those of triggers before the observer started), so memory stays flat.
   */
  void forget(long now) {
    for (Hop hop : Hop.values()) {
      forget(pending.get(hop), now);
      forget(early.get(hop), now);
    }
  }

  private static void forget(LinkedHashMap<String, Long> waiting, long now) {
    Iterator<Long> oldest = waiting.values().iterator();
    while (oldest.hasNext() && now - oldest.next() > FORGET_NANOS) {
      oldest.remove();
    }
  }

  /** The latencies (microseconds) of the window's triggers answered after they were read. */
  Histogram latencies(Hop hop) {
    return latencies.get(hop).copy();
  }

  /** The window's triggers whose answer was read first. */
  int answeredEarly(Hop hop) {
    return answeredEarly.get(hop);
  }

  /** The window's triggers with no answer read (yet). */
  int unanswered(Hop hop) {
    return pending.get(hop).size();
  }
}
