package ai.ringrift.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the records of the {@code _schemas} topic in Confluent's own format, so that Confluent's
 * server reads what ours wrote (and the reverse): JSON keys with a {@code keytype} and a {@code
 * magic} number, JSON values, fields in the order Confluent's storage classes write them and absent
 * when unset. The order matters beyond looks: compaction compares key bytes, so a key must be byte
 * for byte the one Confluent writes for the same thing. {@link StoreReader} reads them. The format,
 * record by record, is in docs/schema-registry.md.
 */
final class StoreRecords {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Confluent's tenant name when there is no multi-tenancy. */
  static final String DEFAULT_TENANT = "default";

  private StoreRecords() {}

  /** {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}}. */
  static byte[] schemaKey(String subject, int version) {
    ObjectNode key = keyOf("SCHEMA", subject);
    key.put("version", version);
    key.put("magic", 1);
    return bytes(key);
  }

  /** {@code {"subject","version","id",["schemaType"],["references"],"schema","deleted"}}. */
  static byte[] schemaValue(StoredSchema schema) {
    ObjectNode value = JSON.createObjectNode();
    value.put("subject", schema.subject());
    value.put("version", schema.version());
    value.put("id", schema.id());
    if (!StoredSchema.AVRO.equals(schema.schemaType())) {
      value.put("schemaType", schema.schemaType());
    }
    if (!schema.references().isEmpty()) {
      ArrayNode references = value.putArray("references");
      for (SchemaReference reference : schema.references()) {
        references
            .addObject()
            .put("name", reference.name())
            .put("subject", reference.subject())
            .put("version", reference.version());
      }
    }
    value.put("schema", schema.schema());
    value.put("deleted", schema.deleted());
    return bytes(value);
  }

  /** Key of the config of {@code subject}, or of the global config when null. */
  static byte[] configKey(String subject) {
    return subjectKey("CONFIG", subject);
  }

  /** {@code {["subject"],["normalize"],["compatibilityLevel"]}}. */
  static byte[] configValue(String subject, SubjectConfig config) {
    ObjectNode value = subjectValue(subject);
    if (config.normalize() != null) {
      value.put("normalize", config.normalize());
    }
    if (config.level() != null) {
      value.put("compatibilityLevel", config.level().name());
    }
    return bytes(value);
  }

  /** Key of the mode of {@code subject}, or of the global mode when null. */
  static byte[] modeKey(String subject) {
    return subjectKey("MODE", subject);
  }

  /** {@code {["subject"],"mode"}}. */
  static byte[] modeValue(String subject, Mode mode) {
    ObjectNode value = subjectValue(subject);
    value.put("mode", mode.name());
    return bytes(value);
  }

  /** {@code {"keytype":"DELETE_SUBJECT","subject":..,"magic":0}}. */
  static byte[] deleteSubjectKey(String subject) {
    return subjectKey("DELETE_SUBJECT", subject);
  }

  /** {@code {"subject":..,"version":N}}: every version up to N is soft-deleted. */
  static byte[] deleteSubjectValue(String subject, int upToVersion) {
    ObjectNode value = subjectValue(subject);
    value.put("version", upToVersion);
    return bytes(value);
  }

  /** Key of forgetting the soft-deleted versions of {@code subject} (all subjects when null). */
  static byte[] clearSubjectKey(String subject) {
    return subjectKey("CLEAR_SUBJECT", subject);
  }

  /** {@code {["subject"]}}. */
  static byte[] clearSubjectValue(String subject) {
    return bytes(subjectValue(subject));
  }

  /** {@code {"keytype":"CONTEXT","tenant":"default","context":..,"magic":0}}. */
  static byte[] contextKey(String context) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "CONTEXT");
    key.put("tenant", DEFAULT_TENANT);
    key.put("context", context);
    key.put("magic", 0);
    return bytes(key);
  }

  /** {@code {"tenant":"default","context":..}}. */
  static byte[] contextValue(String context) {
    ObjectNode value = JSON.createObjectNode();
    value.put("tenant", DEFAULT_TENANT);
    value.put("context", context);
    return bytes(value);
  }

  private static byte[] subjectKey(String keytype, String subject) {
    ObjectNode key = keyOf(keytype, subject);
    key.put("magic", 0);
    return bytes(key);
  }

  private static ObjectNode keyOf(String keytype, String subject) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", keytype);
    if (subject != null) {
      key.put("subject", subject);
    }
    return key;
  }

  private static ObjectNode subjectValue(String subject) {
    ObjectNode value = JSON.createObjectNode();
    if (subject != null) {
      value.put("subject", subject);
    }
    return value;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
