package ai.ringrift.events.catalog;

import ai.ringrift.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the file's entries into specs and checks the catalog's rules, naming the entry at fault.
 */
final class TopicCatalogReader {
  /** ringrift.<domain>.<name>: lower-case words, the name's words joined by '-'. */
  static final Pattern NAME_RULE = Pattern.compile("ringrift\\.[a-z]+\\.[a-z]+(-[a-z]+)*");

  static final String EVENT_PACKAGE = "ai.ringrift.events.";
  static final String STATE_DOMAIN = "ringrift.state.";

  private TopicCatalogReader() {}

  static TopicCatalog read(CatalogFile file, String where) {
    List<TopicSpec> specs = new ArrayList<>();
    for (int i = 0; i < file.topics().size(); i++) {
      CatalogFile.Entry entry = file.topics().get(i);
      String at = "topics[" + i + "]";
      try {
        TopicSpec topic = toSpec(entry, file);
        specs.add(topic);
        topic.dlqTopic().ifPresent(dlq -> specs.add(dlqSpec(dlq, topic, file)));
      } catch (ConfigException e) {
        throw new ConfigException(
            at + "." + e.key(), where + ": " + at + " (" + entry.name() + ")." + e.getMessage());
      }
    }
    return new TopicCatalog(specs);
  }

  private static TopicSpec toSpec(CatalogFile.Entry entry, CatalogFile file) {
    CatalogFile.Defaults defaults = file.defaults();
    if (!NAME_RULE.matcher(entry.name()).matches()) {
      throw new ConfigException(
          "name",
          "'"
              + entry.name()
              + "' does not follow ringrift.<domain>.<name> (lower case, words joined by '-')");
    }
    boolean compact = entry.cleanupPolicy().equals("compact");
    if (compact != entry.name().startsWith(STATE_DOMAIN)) {
      throw new ConfigException(
          "cleanupPolicy", "state topics (ringrift.state.*) are compacted and only they are");
    }
    Optional<Class<? extends SpecificRecord>> type =
        entry.internal() ? Optional.empty() : Optional.of(checkedValueType(entry));
    Map<String, String> configs = new TreeMap<>(entry.configs());
    configs.put("cleanup.policy", entry.cleanupPolicy());
    configs.put("min.insync.replicas", Integer.toString(defaults.minInsyncReplicas()));
    if (!compact) {
      configs.put(
          "retention.ms",
          Long.toString(Optional.ofNullable(entry.retentionMs()).orElse(defaults.retentionMs())));
    }
    boolean hasDlq =
        Optional.ofNullable(entry.dlq()).orElse(defaults.dlq()) && !compact && !entry.internal();
    return new TopicSpec(
        entry.name(),
        entry.internal() ? TopicKind.INTERNAL : compact ? TopicKind.STATE : TopicKind.EVENT,
        Optional.ofNullable(entry.partitions()).orElse(defaults.partitions()),
        defaults.replicationFactor(),
        configs,
        entry.key(),
        type,
        hasDlq ? Optional.of(entry.name() + file.dlq().suffix()) : Optional.empty());
  }

  /** The entry's value type, checked to carry the fields its key is made from. */
  private static Class<? extends SpecificRecord> checkedValueType(CatalogFile.Entry entry) {
    Class<? extends SpecificRecord> type = valueType(entry.schema());
    Schema schema = SpecificData.get().getSchema(type);
    if (!entry.key().fits(schema)) {
      throw new ConfigException(
          "key",
          "a "
              + entry.key()
              + " key needs the fields "
              + String.join(", ", entry.key().requiredFields())
              + " and "
              + schema.getName()
              + " lacks one");
    }
    return type;
  }

  private static TopicSpec dlqSpec(String name, TopicSpec of, CatalogFile file) {
    Map<String, String> configs =
        Map.of(
            "cleanup.policy", "delete",
            "retention.ms", Long.toString(file.dlq().retentionMs()),
            "min.insync.replicas", Integer.toString(file.defaults().minInsyncReplicas()));
    return new TopicSpec(
        name,
        TopicKind.DLQ,
        file.dlq().partitions(),
        of.replicationFactor(),
        configs,
        of.key(),
        Optional.empty(),
        Optional.empty());
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends SpecificRecord> valueType(String schema) {
    String className = schema.contains(".") ? schema : EVENT_PACKAGE + schema;
    try {
      Class<?> type = Class.forName(className);
      if (!SpecificRecord.class.isAssignableFrom(type)) {
        throw new ConfigException("schema", className + " is not an Avro record");
      }
      return (Class<? extends SpecificRecord>) type;
    } catch (ClassNotFoundException e) {
      throw new ConfigException(
          "schema",
          "no record "
              + className
              + " was generated from schemas/; check the spelling or add the .avsc file");
    }
  }
}
