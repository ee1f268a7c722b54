package ai.ringrift.registry.internal;

/**
 * One version of a subject as the {@code _schemas} topic holds it.
 *
 * @param subject the subject
 * @param version its version in the subject, from 1
 * @param id the global schema id
 * @param schema the schema in canonical form (Avro's {@code Schema.toString()})
 * @param deleted soft-deleted (written by Confluent's server; ours never deletes)
 */
public record StoredSchema(String subject, int version, int id, String schema, boolean deleted) {}
