package ai.ringrift.events.catalog;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic of the platform as immutable {@link TopicSpec}s, loaded from {@code
 * config/topics.yaml}. Producers find their topic here by the event's class, never by a string.
 */
public final class TopicCatalog {
  /** The catalog's file in the config directory. */
  public static final String FILE = "topics.yaml";

  private final List<TopicSpec> ordered;
  private final Map<String, TopicSpec> byName;
  private final Map<Class<? extends SpecificRecord>, TopicSpec> byType;

  TopicCatalog(List<TopicSpec> topics) {
    Map<String, TopicSpec> names = new LinkedHashMap<>();
    Map<Class<? extends SpecificRecord>, TopicSpec> types = new LinkedHashMap<>();
    for (TopicSpec topic : topics) {
      if (names.put(topic.name(), topic) != null) {
        throw new ConfigException("topics", "topic " + topic.name() + " is listed twice");
      }
      topic
          .valueType()
          .ifPresent(
              type -> {
                TopicSpec other = types.put(type, topic);
                if (other != null) {
                  throw new ConfigException(
                      "topics",
                      type.getSimpleName()
                          + " is carried by both "
                          + other.name()
                          + " and "
                          + topic.name()
                          + "; every event type has exactly one topic");
                }
              });
    }
    this.byName = Map.copyOf(names);
    this.byType = Map.copyOf(types);
    this.ordered = List.copyOf(topics);
  }

  /** Loads {@code topics.yaml} from {@code source}. */
  public static TopicCatalog load(ConfigSource source) {
    return TopicCatalogReader.read(source.load(FILE, CatalogFile.class), source.describe(FILE));
  }

  /**
   * The record {@value #FILE} is read into, for tools that document the file's keys (the
   * configuration reference); the record itself stays inside this package.
   */
  public static Class<?> fileRecord() {
    return CatalogFile.class;
  }

  /** The catalog packaged with the platform (the repository's {@code config/topics.yaml}). */
  public static TopicCatalog packaged() {
    return load(ConfigSource.packaged());
  }

  /** All topics in file order, each event topic followed by its DLQ. */
  public List<TopicSpec> topics() {
    return ordered;
  }

  /** The topic called {@code name}, if the catalog has it. */
  public Optional<TopicSpec> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The topic called {@code name}; an unknown name is an error that lists the known ones. */
  public TopicSpec topic(String name) {
    TopicSpec spec = byName.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown topic '" + name + "'; the catalog has " + String.join(", ", byName.keySet()));
    }
    return spec;
  }

  /** The one topic that carries {@code type}. */
  public TopicSpec topicFor(Class<? extends SpecificRecord> type) {
    TopicSpec spec = byType.get(type);
    if (spec == null) {
      throw new IllegalArgumentException(
          type.getName() + " has no topic in the catalog; add it to config/" + FILE);
    }
    return spec;
  }

  /**
   * The topic carrying the event type with this simple or full name, e.g. {@code
   * TrainingCompleted}.
   */
  public Optional<TopicSpec> topicForType(String typeName) {
    return byType.entrySet().stream()
        .filter(
            e ->
                e.getKey().getSimpleName().equals(typeName)
                    || e.getKey().getName().equals(typeName))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The DLQ of {@code topic}, when it has one. */
  public Optional<TopicSpec> dlqFor(String topic) {
    return topic(topic).dlqTopic().map(byName::get);
  }

  /** Every event and state type the catalog carries. */
  public List<Class<? extends SpecificRecord>> valueTypes() {
    return List.copyOf(byType.keySet());
  }

  /** A copy for a cluster with another replication factor (e.g. 3 with min ISR 2 in production). */
  public TopicCatalog withReplication(short replication, int minInsyncReplicas) {
    if (minInsyncReplicas < 1 || minInsyncReplicas > replication) {
      throw new IllegalArgumentException(
          "min.insync.replicas must be 1 to " + replication + ", was " + minInsyncReplicas);
    }
    List<TopicSpec> changed = new ArrayList<>();
    for (TopicSpec topic : ordered) {
      changed.add(topic.withReplication(replication, minInsyncReplicas));
    }
    return new TopicCatalog(changed);
  }
}
