package ai.ringrift.client.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** How a topic and a record type map to a registry subject, by Confluent's three rules. */
public enum SubjectNameStrategy {
  /** {@code <topic>-value} / {@code <topic>-key}: one schema lineage per topic (the default). */
  TOPIC_NAME,
  /** The record's full name: one lineage per type, whatever topic it travels on. */
  RECORD_NAME,
  /** {@code <topic>-<full record name>}: several types on one topic. */
  TOPIC_RECORD_NAME;

  /** The subject for {@code schema} on {@code topic}. */
  public String subject(String topic, boolean isKey, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
      case RECORD_NAME -> schema.getFullName();
      case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
    };
  }

  /**
   * The strategy named {@code name}: {@code TopicNameStrategy}, {@code RecordNameStrategy}, {@code
   * TopicRecordNameStrategy}, Confluent's class names of them, or this enum's constant names.
   */
  public static SubjectNameStrategy parse(String name) {
    String simple = name.substring(name.lastIndexOf('.') + 1).trim();
    return switch (simple.toUpperCase(Locale.ROOT).replace("_", "")) {
      case "TOPICNAMESTRATEGY", "TOPICNAME" -> TOPIC_NAME;
      case "RECORDNAMESTRATEGY", "RECORDNAME" -> RECORD_NAME;
      case "TOPICRECORDNAMESTRATEGY", "TOPICRECORDNAME" -> TOPIC_RECORD_NAME;
      default ->
          throw new IllegalArgumentException(
              "subject name strategy '"
                  + name
                  + "' is not TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    };
  }
}
