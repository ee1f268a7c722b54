package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityLevel;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of the {@code _schemas} topic as Confluent's server writes them (and as {@link
 * StoreRecords} does), including older forms: a global config key with {@code "subject":null},
 * config and mode values without their subject, fields added by newer Confluent releases (ignored).
 */
final class StoreReader {
  private StoreReader() {}

  /** What the record with these key and value bytes says; {@code value} null is a tombstone. */
  static StoreRecord read(byte[] keyBytes, byte[] valueBytes) throws IOException {
    JsonNode key = StoreRecords.JSON.readTree(keyBytes);
    JsonNode value = valueBytes == null ? null : StoreRecords.JSON.readTree(valueBytes);
    String keytype = key.path("keytype").asText();
    String subject = text(key, "subject");
    return switch (keytype) {
      case "SCHEMA" ->
          new StoreRecord.SchemaVersion(
              subject,
              key.path("version").asInt(),
              value == null ? null : schema(value, subject, key.path("version").asInt()));
      case "CONFIG" -> new StoreRecord.Config(subject, value == null ? null : config(value));
      case "MODE" ->
          new StoreRecord.ModeChange(
              subject, value == null ? null : Mode.parse(text(value, "mode")).orElse(null));
      case "DELETE_SUBJECT" ->
          value == null
              ? new StoreRecord.Ignored(keytype)
              : new StoreRecord.DeleteSubject(
                  text(value, "subject") != null ? text(value, "subject") : subject,
                  value.path("version").asInt());
      case "CLEAR_SUBJECT" ->
          value == null
              ? new StoreRecord.Ignored(keytype)
              : new StoreRecord.ClearSubject(
                  text(value, "subject") != null ? text(value, "subject") : subject);
      case "CONTEXT" ->
          value == null
              ? new StoreRecord.Ignored(keytype)
              : new StoreRecord.Context(text(key, "context"));
      default -> new StoreRecord.Ignored(keytype);
    };
  }

  private static StoredSchema schema(JsonNode value, String subject, int version) {
    List<SchemaReference> references = new ArrayList<>();
    for (JsonNode reference : value.path("references")) {
      references.add(
          new SchemaReference(
              text(reference, "name"),
              text(reference, "subject"),
              reference.path("version").asInt()));
    }
    return new StoredSchema(
        text(value, "subject") != null ? text(value, "subject") : subject,
        value.path("version").asInt(version),
        value.path("id").asInt(),
        text(value, "schemaType"),
        references,
        value.path("schema").asText(),
        value.path("deleted").asBoolean(false));
  }

  private static SubjectConfig config(JsonNode value) {
    JsonNode normalize = value.get("normalize");
    return new SubjectConfig(
        normalize == null || normalize.isNull() ? null : normalize.asBoolean(),
        CompatibilityLevel.parse(text(value, "compatibilityLevel")).orElse(null));
  }

  private static String text(JsonNode node, String field) {
    JsonNode member = node.get(field);
    return member == null || member.isNull() ? null : member.asText();
  }
}
