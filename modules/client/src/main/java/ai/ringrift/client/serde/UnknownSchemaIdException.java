package ai.ringrift.client.serde;

/**
 * The record names a schema id the registry does not have (written against another registry, or
 * corrupted). Poison: the record goes to the DLQ.
 */
public class UnknownSchemaIdException extends EventDecodingException {
  private static final long serialVersionUID = 1L;

  private final int schemaId;

  public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
    super(
        topic,
        "schema id "
            + schemaId
            + " is not in the schema registry; the record was written against another registry"
            + " or is corrupt",
        cause);
    this.schemaId = schemaId;
  }

  /** The id the record named. */
  public int schemaId() {
    return schemaId;
  }
}
