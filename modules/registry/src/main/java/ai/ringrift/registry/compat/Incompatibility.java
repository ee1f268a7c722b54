package ai.ringrift.registry.compat;

/**
 * One reason a schema is not compatible, in words a schema author can act on.
 *
 * @param field dotted path of the field that broke compatibility (e.g. {@code header.trace_id}), or
 *     {@code <record>} when the record itself is the problem
 * @param type Avro's name for the kind of incompatibility (e.g. {@code
 *     READER_FIELD_MISSING_DEFAULT_VALUE})
 * @param location JSON pointer into the reading schema, as Avro's checker reports it
 * @param detail Avro's message
 * @param direction which schema reads which data (e.g. "new schema reading version 1")
 */
public record Incompatibility(
    String field, String type, String location, String detail, String direction) {
  @Override
  public String toString() {
    return "field '" + field + "': " + type + " at " + location + " (" + direction + "): " + detail;
  }
}
