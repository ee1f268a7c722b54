package ai.ringrift.stages.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result object of an action, e.g. {@code {"model_path": "...", "epochs": 20, "final_loss":
 * 0.41}}: what an external command printed on its result line, or what a built-in action made.
 * Read-only; a missing or mistyped field is a {@link ResultFormatException} naming the field.
 */
public final class ResultValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** No values. */
  public static final ResultValues EMPTY = new ResultValues(JsonNodeFactory.instance.objectNode());

  private final ObjectNode node;
  private final String path;

  private ResultValues(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  private ResultValues(ObjectNode node) {
    this(node, "");
  }

  /** Values from a JSON object (copied, so later changes to {@code node} do not show). */
  public static ResultValues of(ObjectNode node) {
    return new ResultValues(node.deepCopy());
  }

  /** Values from a map of JSON-like values (strings, numbers, booleans, lists, maps). */
  public static ResultValues of(Map<String, ?> values) {
    return new ResultValues(JSON.valueToTree(values));
  }

  /** Parses a JSON object; anything else is a {@link ResultFormatException}. */
  public static ResultValues parse(String json) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ResultFormatException("is not JSON: " + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw new ResultFormatException("is not a JSON object");
    }
    return new ResultValues((ObjectNode) parsed);
  }

  /** True when the field is present and not null. */
  public boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** A text field. */
  public String text(String field) {
    JsonNode value = required(field);
    if (!value.isTextual()) {
      throw mistyped(field, "a string", value);
    }
    return value.textValue();
  }

  /** A text field, or empty when absent or null. */
  public Optional<String> optionalText(String field) {
    return has(field) ? Optional.of(text(field)) : Optional.empty();
  }

  /** An integral number field. */
  public long integer(String field) {
    JsonNode value = required(field);
    if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() % 1 == 0)) {
      throw mistyped(field, "an integer", value);
    }
    return value.asLong();
  }

  /** A number field (NaN and infinities are refused: no consumer of a result can use them). */
  public double number(String field) {
    JsonNode value = required(field);
    if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw mistyped(field, "a finite number", value);
    }
    return value.asDouble();
  }

  /** A nested object field. */
  public ResultValues object(String field) {
    JsonNode value = required(field);
    if (!value.isObject()) {
      throw mistyped(field, "an object", value);
    }
    return new ResultValues((ObjectNode) value, name(field));
  }

  /** A list of objects. */
  public List<ResultValues> objects(String field) {
    JsonNode value = required(field);
    if (!value.isArray()) {
      throw mistyped(field, "a list", value);
    }
    List<ResultValues> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isObject()) {
        throw mistyped(field + "[" + i + "]", "an object", item);
      }
      items.add(new ResultValues((ObjectNode) item, name(field) + "[" + i + "]"));
    }
    return List.copyOf(items);
  }

  /** The values as compact JSON, e.g. for logs and the StageRun record. */
  public String toJson() {
    return node.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResultValues r && node.equals(r.node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  private JsonNode required(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ResultFormatException(name(field) + " is missing");
    }
    return value;
  }

  private ResultFormatException mistyped(String field, String expected, JsonNode actual) {
    return new ResultFormatException(
        name(field) + " must be " + expected + ", was " + abbreviate(actual.toString()));
  }

  private String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
