package ai.ringrift.events.catalog;

import ai.ringrift.events.contract.KeyKind;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the catalog: how it is laid out on the brokers and what it carries.
 *
 * @param name topic name, following the catalog's naming rule
 * @param kind event stream, compacted state, dead-letter or internal topic
 * @param partitions partition count
 * @param replicationFactor replicas per partition
 * @param configs topic-level broker configs this catalog owns (cleanup, retention, min ISR)
 * @param key what the record key is; for a DLQ, the key kind of the topic it serves
 * @param valueType the Avro record carried as value; empty for a DLQ (it keeps the original bytes)
 *     and for an internal topic (it carries no event)
 * @param dlqTopic the dead-letter topic of this topic, when it has one
 */
public record TopicSpec(
    String name,
    TopicKind kind,
    int partitions,
    short replicationFactor,
    Map<String, String> configs,
    KeyKind key,
    Optional<Class<? extends SpecificRecord>> valueType,
    Optional<String> dlqTopic) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    if (partitions < 1 || replicationFactor < 1) {
      throw new IllegalArgumentException(name + ": partitions and replication must be >= 1");
    }
    configs = Map.copyOf(configs);
    valueType = Objects.requireNonNull(valueType, "valueType");
    dlqTopic = Objects.requireNonNull(dlqTopic, "dlqTopic");
  }

  /** The value schema, or empty for a DLQ or an internal topic. */
  public Optional<Schema> valueSchema() {
    return valueType.map(SpecificData.get()::getSchema);
  }

  /** A copy with another replication factor and {@code min.insync.replicas}. */
  public TopicSpec withReplication(short replication, int minInsyncReplicas) {
    Map<String, String> changed = new java.util.TreeMap<>(configs);
    changed.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
    return new TopicSpec(name, kind, partitions, replication, changed, key, valueType, dlqTopic);
  }
}
