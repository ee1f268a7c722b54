package ai.ringrift.client.metrics;

import com.codahale.metrics.MetricRegistry;

/**
 * The dotted metric names of the client library, in one place so dashboards and tests agree:
 *
 * <ul>
 *   <li>{@code ringrift.publisher.published.<Type>}, {@code ringrift.publisher.failed.<Type>}
 *       (counters)
 *   <li>{@code ringrift.subscriber.<name>.handled.<Type>}, {@code .failed.<Type>} (failed
 *       attempts), {@code .dead-lettered.<Type>}, {@code .filtered.<Type>} (counters)
 *   <li>{@code ringrift.subscriber.<name>.handler.<Type>} (timer of successful handler runs)
 *   <li>{@code ringrift.subscriber.<name>.lag.<topic>.<partition>} (gauge: records of the partition
 *       not handled yet, on the broker or fetched)
 * </ul>
 *
 * {@code <Type>} is the event's simple name, e.g. {@code TrainingCompleted}; for a record that
 * could not be decoded it is the type its topic carries.
 */
public final class MetricNames {
  private static final String PUBLISHER = "ringrift.publisher";
  private static final String SUBSCRIBER = "ringrift.subscriber";

  private MetricNames() {}

  /** Events published and acknowledged by the broker. */
  public static String published(String type) {
    return MetricRegistry.name(PUBLISHER, "published", type);
  }

  /** Events the publisher could not deliver. */
  public static String publishFailed(String type) {
    return MetricRegistry.name(PUBLISHER, "failed", type);
  }

  /** Events a subscriber's handler finished. */
  public static String handled(String subscriber, String type) {
    return MetricRegistry.name(SUBSCRIBER, subscriber, "handled", type);
  }

  /** Failed handler attempts (a retried event counts once per failure). */
  public static String failed(String subscriber, String type) {
    return MetricRegistry.name(SUBSCRIBER, subscriber, "failed", type);
  }

  /** Events sent to their DLQ. */
  public static String deadLettered(String subscriber, String type) {
    return MetricRegistry.name(SUBSCRIBER, subscriber, "dead-lettered", type);
  }

  /** Events skipped by the subscriber's filters or loop guard. */
  public static String filtered(String subscriber, String type) {
    return MetricRegistry.name(SUBSCRIBER, subscriber, "filtered", type);
  }

  /** Time of successful handler runs. */
  public static String handlerTimer(String subscriber, String type) {
    return MetricRegistry.name(SUBSCRIBER, subscriber, "handler", type);
  }

  /** Unhandled records of one partition. */
  public static String lag(String subscriber, String topic, int partition) {
    return MetricRegistry.name(SUBSCRIBER, subscriber, "lag", topic, Integer.toString(partition));
  }
}
