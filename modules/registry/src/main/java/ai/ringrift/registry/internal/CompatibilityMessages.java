package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks a new schema against earlier versions with Avro's own reader/writer check and words what
 * breaks as Confluent's server does ({@code {errorType:'..', description:'..',
 * additionalInfo:'..'}}, then {@code {oldSchemaVersion: N}}, {@code {oldSchema: '..'}} and {@code
 * {compatibility: 'LEVEL'}}), since tools show these messages to people. Transitive levels check
 * the versions newest first and report the first one that breaks; the others only the latest.
 */
final class CompatibilityMessages {
  private CompatibilityMessages() {}

  /**
   * An earlier version to check against.
   *
   * @param version its version number
   * @param schema the parsed schema
   * @param text its stored text, quoted in the messages
   */
  record Earlier(int version, Schema schema, String text) {}

  /** Why {@code candidate} may not follow {@code earlier} (oldest first); empty when it may. */
  static List<String> check(Schema candidate, List<Earlier> earlier, CompatibilityLevel level) {
    if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
      return List.of();
    }
    List<Earlier> against = new ArrayList<>(earlier);
    Collections.reverse(against);
    if (!level.transitive()) {
      against = against.subList(0, 1);
    }
    for (Earlier old : against) {
      List<String> messages = new ArrayList<>();
      if (level.forward() && level.backward()) {
        messages.addAll(differences(old.schema(), candidate, "old", "new"));
        messages.addAll(withOld(differences(candidate, old.schema(), "new", "old"), old));
      } else if (level.backward()) {
        messages.addAll(withOld(differences(candidate, old.schema(), "new", "old"), old));
      } else {
        messages.addAll(withOld(differences(old.schema(), candidate, "old", "new"), old));
      }
      if (!messages.isEmpty()) {
        messages.add("{compatibility: '" + level.name() + "'}");
        return List.copyOf(messages);
      }
    }
    return List.of();
  }

  private static List<String> withOld(List<String> messages, Earlier old) {
    if (!messages.isEmpty()) {
      messages.add("{oldSchemaVersion: " + old.version() + "}");
      messages.add("{oldSchema: '" + old.text() + "'}");
    }
    return messages;
  }

  private static List<String> differences(
      Schema reader, Schema writer, String readerName, String writerName) {
    List<String> messages = new ArrayList<>();
    for (Incompatibility i :
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult()
            .getIncompatibilities()) {
      messages.add(
          "{errorType:'"
              + i.getType()
              + "', description:'"
              + description(i, readerName, writerName)
              + "', additionalInfo:'"
              + i.getMessage()
              + "'}");
    }
    return messages;
  }

  private static String description(Incompatibility i, String reader, String writer) {
    String path = i.getLocation();
    return switch (i.getType()) {
      case FIXED_SIZE_MISMATCH ->
          "The size of FIXED type field at path '"
              + path
              + "' in the "
              + reader
              + " schema does not match with the "
              + writer
              + " schema";
      case TYPE_MISMATCH ->
          "The type (path '"
              + path
              + "') of a field in the "
              + reader
              + " schema does not match with the "
              + writer
              + " schema";
      case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
      case MISSING_ENUM_SYMBOLS ->
          "The "
              + reader
              + " schema is missing enum symbols '"
              + i.getMessage()
              + "' at path '"
              + path
              + "' in the "
              + writer
              + " schema";
      case MISSING_UNION_BRANCH ->
          "The "
              + reader
              + " schema is missing a type inside a union field at path '"
              + path
              + "' in the "
              + writer
              + " schema";
      case READER_FIELD_MISSING_DEFAULT_VALUE ->
          "The field '"
              + i.getMessage()
              + "' at path '"
              + path
              + "' in the "
              + reader
              + " schema has no default value and is missing in the "
              + writer
              + " schema";
      default -> "";
    };
  }
}
