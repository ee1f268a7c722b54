package ai.ringrift.registry.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parses a schema as the registry stores it: its references resolved from the subjects they name
 * (theirs first, depth first, as Confluent's Avro provider does), the text rendered by Avro with
 * referenced types by name, or normalized ({@code normalize=true}) so that schemas that mean the
 * same thing get one id.
 */
final class AvroSchemas {
  private AvroSchemas() {}

  /**
   * A parsed schema.
   *
   * @param schema the Avro schema, referenced types resolved
   * @param text the text to store and compare
   * @param references the references to store (sorted and without duplicates when normalized)
   */
  record Parsed(Schema schema, String text, List<SchemaReference> references) {}

  /** Parses {@code text} with {@code references} resolved in {@code state}; 42201 if invalid. */
  static Parsed parse(
      String text, List<SchemaReference> references, boolean normalize, RegistryState state) {
    if (text == null || text.isBlank()) {
      throw RegistryError.invalidSchema("Empty schema");
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    resolve(references, state, resolved, new HashSet<>());
    Schema.Parser parser = new Schema.Parser();
    try {
      List<Schema> referenced = new ArrayList<>();
      for (String reference : resolved.values()) {
        referenced.add(parser.parse(reference));
      }
      Schema schema = parser.parse(text);
      if (normalize) {
        return new Parsed(
            schema,
            AvroNormalizer.normalize(schema, referenced),
            references.stream().sorted().distinct().toList());
      }
      return new Parsed(schema, schema.toString(referenced, false), List.copyOf(references));
    } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
      throw invalid(text, references, e.getMessage());
    }
  }

  /** Parses a version already stored (for compatibility checks); its references resolved. */
  static Schema parseStored(StoredSchema stored, RegistryState state) {
    return parse(stored.schema(), stored.references(), false, state).schema();
  }

  private static void resolve(
      List<SchemaReference> references,
      RegistryState state,
      Map<String, String> resolved,
      Set<SchemaReference> visiting) {
    for (SchemaReference reference : references) {
      if (resolved.containsKey(reference.name()) || !visiting.add(reference)) {
        continue;
      }
      StoredSchema target =
          state
              .version(reference.subject(), reference.version())
              .orElseThrow(
                  () ->
                      RegistryError.invalidSchema(
                          "Invalid schema: no schema reference found for subject \""
                              + reference.subject()
                              + "\" and version "
                              + reference.version()));
      resolve(target.references(), state, resolved, visiting);
      resolved.putIfAbsent(reference.name(), target.schema());
    }
  }

  private static RegistryError invalid(
      String text, List<SchemaReference> references, String detail) {
    return RegistryError.invalidSchema(
        "Invalid schema "
            + text
            + " with refs "
            + references
            + " of type "
            + StoredSchema.AVRO
            + ", details: "
            + detail);
  }
}
