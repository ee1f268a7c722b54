package ai.ringrift.runtime.roles;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.RoleChanged;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Who holds which role, as announced on the compacted roles topic: the latest {@code RoleChanged}
 * per role. An acquisition there names the current holder (or, right after a holder crashed, the
 * last one: a crashed holder cannot announce its loss, its successor's acquisition replaces it).
 */
public final class RoleHolders {
  private RoleHolders() {}

  /** Every announcement on the roles topic, oldest first. */
  public static List<RoleChanged> history(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, Duration timeout)
      throws TimeoutException {
    return TopicSnapshot.read(
            kafka,
            catalog.topicFor(RoleChanged.class).name(),
            serdes.key().deserializer(),
            serdes.value(RoleChanged.class).deserializer(),
            timeout)
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /** The latest announcement per role name. */
  public static Map<String, RoleChanged> latest(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, Duration timeout)
      throws TimeoutException {
    Map<String, RoleChanged> latest = new TreeMap<>();
    for (RoleChanged change : history(kafka, catalog, serdes, timeout)) {
      latest.put(change.getRole(), change);
    }
    return Map.copyOf(latest);
  }
}
