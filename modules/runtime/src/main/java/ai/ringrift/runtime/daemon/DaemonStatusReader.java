package ai.ringrift.runtime.daemon;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The cluster-wide daemon status behind {@code launch --status}: the latest heartbeat of every
 * (node, daemon) from the heartbeat topic, read from a while back to its end. A daemon whose latest
 * heartbeat is older than three heartbeat intervals is reported stale (its launcher is gone).
 */
public final class DaemonStatusReader {
  private final KafkaSettings kafka;
  private final String topic;
  private final EventSerdes serdes;
  private final Clock clock;

  public DaemonStatusReader(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, Clock clock) {
    this.kafka = kafka;
    this.topic = catalog.topicFor(DaemonHeartbeat.class).name();
    this.serdes = serdes;
    this.clock = clock;
  }

  /** One daemon as its latest heartbeat reports it. */
  public record Reported(DaemonHeartbeat heartbeat, Instant at, boolean stale) {}

  /**
   * The latest heartbeat per (node, daemon) among those of the last {@code lookBack}, sorted by
   * node and daemon.
   */
  public List<Reported> read(Duration lookBack, Duration heartbeatInterval, Duration timeout)
      throws TimeoutException {
    Instant now = clock.instant();
    Map<String, ConsumerRecord<String, DaemonHeartbeat>> latest = new HashMap<>();
    for (ConsumerRecord<String, DaemonHeartbeat> r : since(now.minus(lookBack), timeout)) {
      latest.merge(
          r.value().getNode() + "/" + r.value().getDaemon(),
          r,
          (a, b) ->
              b.value().getHeader().getOccurredAt().isAfter(a.value().getHeader().getOccurredAt())
                  ? b
                  : a);
    }
    Instant staleBefore = now.minus(heartbeatInterval.multipliedBy(3));
    List<Reported> reported = new ArrayList<>();
    for (ConsumerRecord<String, DaemonHeartbeat> r : latest.values()) {
      Instant at = r.value().getHeader().getOccurredAt();
      reported.add(new Reported(r.value(), at, at.isBefore(staleBefore)));
    }
    reported.sort(
        Comparator.comparing((Reported r) -> r.heartbeat().getNode())
            .thenComparing(r -> r.heartbeat().getDaemon()));
    return reported;
  }

  private List<ConsumerRecord<String, DaemonHeartbeat>> since(Instant from, Duration timeout)
      throws TimeoutException {
    return TopicSnapshot.readSince(
        kafka,
        topic,
        serdes.key().deserializer(),
        serdes.value(DaemonHeartbeat.class).deserializer(),
        from,
        timeout);
  }
}
