package ai.ringrift.client.registry;

/**
 * One version of a subject, as {@code GET /subjects/{s}/versions/{v}} and the lookup return it.
 *
 * @param subject the subject
 * @param version version in the subject
 * @param id global schema id
 * @param schema the schema text
 */
public record RegisteredSchema(String subject, int version, int id, String schema) {}
