package ai.ringrift.benchmarks.loop;

import ai.ringrift.benchmarks.common.CpuMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one cell (hosts × configs) measured.
 *
 * @param hosts simulated selfplay hosts
 * @param configs configs
 * @param seconds length of the measured window
 * @param offeredPerSecond batches per second the hosts were to publish
 * @param publishedPerSecond batches per second they did publish
 * @param events events per topic in the window (read_committed: transaction markers not counted)
 * @param hops latency per hop
 * @param lag lag per service over the window
 * @param drain how long after the load stopped everything was read and answered, or what was left
 * @param usage CPU and allocation per service in the window
 * @param memory the memory readings of the window
 * @param loadAverage the machine's one-minute load average at the window's start and end
 * @param profile the JFR summary, when one was recorded
 */
record CellResult(
    int hosts,
    int configs,
    double seconds,
    double offeredPerSecond,
    double publishedPerSecond,
    Map<String, Long> events,
    Map<Hop, HopLatency> hops,
    Map<String, LagTrend> lag,
    Drain drain,
    Map<String, CpuMeter.Usage> usage,
    List<MemoryProbe.Sample> memory,
    double[] loadAverage,
    List<String> profile) {

  /**
   * The drain after the load stopped.
   *
   * @param seconds how long until every service's lag was back at its floor and every trigger that
   *     always gets an answer had one; -1 when that did not happen within the limit
   * @param lag each service's lag at the end, and in brackets the partitions its group commits (the
   *     floor is at most one per partition)
   * @param unanswered triggers still without an answer at the end, per hop that always answers
   */
  record Drain(double seconds, Map<String, String> lag, Map<Hop, Integer> unanswered) {
    boolean done() {
      return seconds >= 0;
    }

    /** What was left when the drain did not finish: services with lag, unanswered triggers. */
    String left() {
      List<String> parts = new ArrayList<>();
      lag.forEach((service, behind) -> parts.add(service + " lag " + behind));
      unanswered.forEach((hop, n) -> parts.add(n + " " + hop.label() + " unanswered"));
      return String.join(", ", parts);
    }
  }

  /**
   * Latency of one hop, milliseconds.
   *
   * @param count the window's triggers answered after the observer read them (the latencies)
   * @param answeredEarly the window's triggers whose answer the observer read first (not timed)
   * @param unanswered the window's triggers with no answer read
   */
  record HopLatency(
      long count, double p50, double p99, double max, int answeredEarly, int unanswered) {}

  /**
   * One service's lag over the window.
   *
   * @param max the largest reading
   * @param last the last reading
   * @param slopePerSecond least-squares growth, events per second
   */
  record LagTrend(long max, long last, double slopePerSecond) {}

  /** Events per second of {@code topic} in the window. */
  double rate(String topic) {
    return events.getOrDefault(topic, 0L) / seconds;
  }

  /** Events per second of every topic together. */
  double allEventsPerSecond() {
    return events.values().stream().mapToLong(Long::longValue).sum() / seconds;
  }

  /** Batches published in the window. */
  double batches() {
    return publishedPerSecond * seconds;
  }

  /**
   * Batches of the window whose games were synced (what per-batch costs are divided by: the batches
   * handled). Not the window's {@code DataSyncCompleted} events: those include one report per
   * selfplay host of every model distribution, which outnumber the batches at 1 000 hosts.
   */
  double synced() {
    return hops.get(Hop.BATCH_TO_SYNC).count();
  }

  /**
   * Whether the offered rate was sustained: every batch published, no service whose lag grew over
   * the window (slope above 1 % of the batch rate while its lag exceeded 5 s of batches), and
   * everything drained within the limit once the load stopped.
   */
  boolean sustained() {
    return whyNotSustained().isEmpty();
  }

  /** Why the offered rate was not sustained; empty when it was. */
  List<String> whyNotSustained() {
    List<String> why = new ArrayList<>();
    if (publishedPerSecond < 0.95 * offeredPerSecond) {
      why.add("published below 95 % of the offered rate");
    }
    if (!growing().isEmpty()) {
      why.add("lag grows: " + String.join(", ", growing()));
    }
    if (!drain.done()) {
      why.add("not drained");
    }
    return why;
  }

  /** Services whose lag grew over the window. */
  List<String> growing() {
    return lag.entrySet().stream()
        .filter(
            e ->
                e.getValue().last() > Math.max(100, 5 * offeredPerSecond)
                    && e.getValue().slopePerSecond() > 0.01 * offeredPerSecond)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Cores the process used in the window. */
  double cores() {
    return usage.values().stream().mapToLong(CpuMeter.Usage::cpuNanos).sum() / (seconds * 1e9);
  }
}
