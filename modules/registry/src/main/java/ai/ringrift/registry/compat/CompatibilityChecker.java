package ai.ringrift.registry.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Decides whether a new schema may follow the earlier versions of a subject, with Avro's own
 * reader/writer check, the way Confluent's registry does: BACKWARD means the new schema reads the
 * old data, FORWARD that the old schemas read the new data, FULL both; the transitive levels check
 * every earlier version, the others only the latest.
 */
public final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /**
   * What stops {@code candidate} from following {@code earlier} (oldest first) at {@code level};
   * empty when it is compatible.
   */
  public static List<Incompatibility> check(
      Schema candidate, List<VersionedSchema> earlier, CompatibilityLevel level) {
    if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
      return List.of();
    }
    List<VersionedSchema> against =
        level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
    List<Incompatibility> found = new ArrayList<>();
    for (VersionedSchema old : against) {
      if (level.backward()) {
        found.addAll(
            readerWriter(candidate, old.schema(), "new schema reading version " + old.version()));
      }
      if (level.forward()) {
        found.addAll(
            readerWriter(
                old.schema(), candidate, "version " + old.version() + " reading the new schema"));
      }
    }
    return List.copyOf(found);
  }

  private static List<Incompatibility> readerWriter(Schema reader, Schema writer, String what) {
    SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    return result.getIncompatibilities().stream()
        .map(
            i ->
                new Incompatibility(
                    FieldPath.of(reader, i.getLocation()),
                    i.getType().name(),
                    i.getLocation(),
                    i.getMessage(),
                    what))
        .toList();
  }

  /**
   * A schema with the version it had in its subject (for a released schema file, its release).
   *
   * @param version version number in the subject
   * @param schema the parsed schema
   */
  public record VersionedSchema(int version, Schema schema) {}
}
