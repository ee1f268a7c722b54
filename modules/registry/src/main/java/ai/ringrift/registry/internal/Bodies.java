package ai.ringrift.registry.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the REST API, with Confluent's field names and order; unset (null
 * or empty) fields are left out, as Confluent's server leaves them out.
 */
final class Bodies {
  private Bodies() {}

  /** A schema to register, look up or test ({@code id} and {@code version} only to import). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SchemaRequest(
      String schema,
      String schemaType,
      List<SchemaReference> references,
      Integer version,
      Integer id) {
    SchemaRequest {
      references = references == null ? List.of() : List.copyOf(references);
    }
  }

  /** A version of a subject ({@code schemaType} left out for AVRO, as Confluent does). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"subject", "version", "id", "schemaType", "references", "schema"})
  record SchemaEntry(
      String subject,
      int version,
      int id,
      String schemaType,
      List<SchemaReference> references,
      String schema) {
    static SchemaEntry of(StoredSchema stored) {
      return new SchemaEntry(
          stored.subject(),
          stored.version(),
          stored.id(),
          avroAsNull(stored.schemaType()),
          stored.references(),
          stored.schema());
    }
  }

  /** {@code GET /schemas/ids/{id}}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"schemaType", "schema", "references"})
  record SchemaById(String schemaType, String schema, List<SchemaReference> references) {
    static SchemaById of(StoredSchema stored) {
      return new SchemaById(avroAsNull(stored.schemaType()), stored.schema(), stored.references());
    }
  }

  /** The id a registration got. */
  record Registered(int id) {}

  /** One subject version of an id. */
  record SubjectVersion(String subject, int version) {}

  /** The answer of a compatibility test; {@code messages} only when verbose. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CompatibilityAnswer(
      @JsonProperty("is_compatible") boolean compatible, List<String> messages) {}

  /** {@code PUT /config} as sent, echoed back. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"normalize", "compatibility"})
  record ConfigUpdate(Boolean normalize, String compatibility) {}

  /** A config as {@code GET /config} shows it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"normalize", "compatibilityLevel"})
  record ConfigView(Boolean normalize, String compatibilityLevel) {}

  /** {@code PUT /mode} as sent, and a mode as {@code GET /mode} shows it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ModeBody(String mode) {}

  /** {@code GET /v1/metadata/id}: the Kafka cluster and the registry's group. */
  record ClusterId(Map<String, Object> scope) {
    static ClusterId of(String kafkaCluster, String registryCluster) {
      return new ClusterId(
          Map.of(
              "path",
              List.of(),
              "clusters",
              Map.of("kafka-cluster", kafkaCluster, "schema-registry-cluster", registryCluster)));
    }
  }

  private static String avroAsNull(String schemaType) {
    return StoredSchema.AVRO.equals(schemaType) ? null : schemaType;
  }
}
