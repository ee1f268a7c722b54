package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted state topic read as a table, the way a stage reads it before it acts: every committed
 * record up to the end as of the call, the latest value per key winning, deletions (tombstones)
 * removing the key.
 */
public final class StateTable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StateTable.class);

  private StateTable() {}

  /** The current value per key of {@code type}'s topic, only {@code config}'s when given. */
  public static <T extends SpecificRecord> SortedMap<String, T> read(
      Connected connected, Class<T> type, String config) {
    TopicSpec topic = connected.catalog().topicFor(type);
    ConfigFilter filter = ConfigFilter.of(config, topic);
    Deserializer<T> values = connected.serdes().value(type).deserializer();
    SortedMap<String, T> table = new TreeMap<>();
    try (RawTopic raw = new RawTopic(connected.kafka())) {
      List<TopicPartition> partitions = raw.partitions(topic.name());
      raw.read(
          raw.begins(partitions),
          raw.ends(partitions),
          r -> {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (key == null || !filter.matches(key)) {
              return;
            }
            if (r.value() == null) {
              table.remove(key);
              return;
            }
            try {
              table.put(key, values.deserialize(r.topic(), r.headers(), r.value()));
            } catch (RuntimeException e) {
              LOGGER.warn(
                  "skipping undecodable state topic={} key={}: {}", r.topic(), key, e.getMessage());
            }
          });
    }
    return table;
  }
}
