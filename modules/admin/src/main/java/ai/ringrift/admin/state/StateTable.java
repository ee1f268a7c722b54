package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.client.subscribe.Failures;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A compacted state topic read as a table, the way a stage reads it before it acts: every committed
 * record up to the end as of the call, the latest value per key winning, deletions (tombstones)
 * removing the key. A record that does not decode fails the read with a {@link CliException} that
 * names the record, the cause and the fix: never a table that silently lacks it.
 */
public final class StateTable {
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
              throw undecodable(connected, r, key, e);
            }
          });
    }
    return table;
  }

  /**
   * A state record that does not decode fails the command: an empty or partial table would hide
   * what is wrong. The message names the record, the cause and what to do.
   */
  private static CliException undecodable(
      Connected connected, ConsumerRecord<byte[], byte[]> r, String key, RuntimeException e) {
    String record =
        "state record "
            + key
            + " of "
            + r.topic()
            + " (partition "
            + r.partition()
            + ", offset "
            + r.offset()
            + ")";
    if (Failures.classify(e) == Failures.Kind.MISCONFIGURED) {
      return new CliException(
          "cannot read " + record + ": " + Failures.misconfiguration(e).getMessage(), e);
    }
    String registry =
        connected.wire().registryUrl().map(url -> "the registry at " + url).orElse("no registry");
    return new CliException(
        "cannot decode "
            + record
            + " with "
            + registry
            + ": "
            + e.getMessage()
            + "; point --registry-url (or RINGRIFT_SCHEMA_REGISTRY_URL) at the registry the"
            + " platform writes with, or update this checkout if the platform runs newer schemas",
        e);
  }
}
