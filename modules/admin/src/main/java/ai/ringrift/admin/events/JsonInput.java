package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON documents of {@code --json FILE|-}: one object, several one after the other (JSON
 * Lines), or arrays of them. Input that is not JSON fails with the line and column.
 */
final class JsonInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonInput() {}

  /** Every object of the input, arrays flattened. */
  static List<JsonNode> read(String source, InputStream stdin) {
    List<JsonNode> documents = new ArrayList<>();
    try (InputStream in = source.equals("-") ? stdin : Files.newInputStream(Path.of(source));
        MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(in)) {
      while (values.hasNextValue()) {
        JsonNode value = values.nextValue();
        if (value.isArray()) {
          value.forEach(documents::add);
        } else {
          documents.add(value);
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliException(source + ": no such file; pass --json FILE or --json - for stdin");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new CliException(
          describe(source)
              + " is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new CliException("cannot read " + describe(source) + ": " + e.getMessage(), e);
    }
    if (documents.isEmpty()) {
      throw new CliException(describe(source) + " holds no JSON object");
    }
    return documents;
  }

  /**
   * The event of a document: the document itself, or its {@code event} when it is a recorded event
   * as {@code events recent -o json} prints it (which must be of {@code type}).
   */
  static JsonNode unwrap(JsonNode document, Class<? extends SpecificRecord> type) {
    if (document.isObject() && document.has("event") && document.path("type").isTextual()) {
      String recorded = document.get("type").asText();
      if (!recorded.equals(type.getSimpleName())) {
        throw new CliException("holds a " + recorded + ", not a " + type.getSimpleName());
      }
      return document.get("event");
    }
    return document;
  }

  /** How messages name the input. */
  static String describe(String source) {
    return source.equals("-") ? "standard input" : source;
  }
}
