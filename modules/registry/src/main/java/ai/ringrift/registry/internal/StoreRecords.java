package ai.ringrift.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The records of the {@code _schemas} topic in Confluent's own format, so that Confluent's server
 * could take over a topic ours wrote (and the reverse): JSON keys {@code
 * {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}} and {@code
 * {"keytype":"CONFIG","subject":..,"magic":0}} (no subject for the global level), JSON values
 * {@code {"subject","version","id","schema","deleted"}} and {@code {"compatibilityLevel"}}. Keys
 * are written with Confluent's field order because compaction compares key bytes.
 */
final class StoreRecords {
  static final ObjectMapper JSON = new ObjectMapper();

  private StoreRecords() {}

  static byte[] schemaKey(String subject, int version) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "SCHEMA");
    key.put("subject", subject);
    key.put("version", version);
    key.put("magic", 1);
    return bytes(key);
  }

  static byte[] schemaValue(StoredSchema schema) {
    ObjectNode value = JSON.createObjectNode();
    value.put("subject", schema.subject());
    value.put("version", schema.version());
    value.put("id", schema.id());
    value.put("schema", schema.schema());
    value.put("deleted", schema.deleted());
    return bytes(value);
  }

  /** Key of the compatibility level of {@code subject}, or the global one when null. */
  static byte[] configKey(String subject) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "CONFIG");
    if (subject != null) {
      key.put("subject", subject);
    }
    key.put("magic", 0);
    return bytes(key);
  }

  static byte[] configValue(String subject, String level) {
    ObjectNode value = JSON.createObjectNode();
    if (subject != null) {
      value.put("subject", subject);
    }
    value.put("compatibilityLevel", level);
    return bytes(value);
  }

  /** Applies one record of the topic to {@code state}; records of other kinds are skipped. */
  static void apply(RegistryState state, byte[] keyBytes, byte[] valueBytes) throws IOException {
    JsonNode key = JSON.readTree(keyBytes);
    JsonNode value = valueBytes == null ? null : JSON.readTree(valueBytes);
    String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
    switch (key.path("keytype").asText()) {
      case "SCHEMA" -> {
        int version = key.path("version").asInt();
        if (value == null) {
          state.remove(subject, version);
        } else {
          state.put(
              new StoredSchema(
                  value.path("subject").asText(subject),
                  value.path("version").asInt(version),
                  value.path("id").asInt(),
                  value.path("schema").asText(),
                  value.path("deleted").asBoolean(false)));
        }
      }
      case "CONFIG" ->
          state.setLevel(
              subject,
              value == null || !value.hasNonNull("compatibilityLevel")
                  ? null
                  : value.get("compatibilityLevel").asText());
      default -> {
        // NOOP, MODE, DELETE_SUBJECT ... : not part of the subset this registry serves
      }
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
