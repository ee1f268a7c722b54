package ai.ringrift.registry.internal;

import java.util.List;

/**
 * One version of a subject as the {@code _schemas} topic holds it.
 *
 * @param subject the subject
 * @param version its version in the subject, from 1
 * @param id the global schema id
 * @param schemaType {@code AVRO}, or the type a Confluent server wrote (served, never created here)
 * @param references the types it takes from other subjects, in the order they were given
 * @param schema the schema text (Avro's rendering, referenced types by name)
 * @param deleted soft-deleted: still found by id, no longer a live version
 */
public record StoredSchema(
    String subject,
    int version,
    int id,
    String schemaType,
    List<SchemaReference> references,
    String schema,
    boolean deleted) {
  /** Confluent's name of the only type this registry creates. */
  public static final String AVRO = "AVRO";

  public StoredSchema {
    schemaType = schemaType == null ? AVRO : schemaType;
    references = List.copyOf(references);
  }

  /** An Avro version without references. */
  public static StoredSchema avro(String subject, int version, int id, String schema) {
    return new StoredSchema(subject, version, id, AVRO, List.of(), schema, false);
  }

  /** The same version, soft-deleted or live. */
  public StoredSchema withDeleted(boolean deleted) {
    return new StoredSchema(subject, version, id, schemaType, references, schema, deleted);
  }

  /** The same text and references (what decides an id), without subject and version. */
  public Content content() {
    return new Content(schemaType, schema, references);
  }

  /**
   * What makes two registrations the same schema, and so one id.
   *
   * @param schemaType the type
   * @param schema the stored text
   * @param references the references, in order
   */
  public record Content(String schemaType, String schema, List<SchemaReference> references) {}
}
