package ai.ringrift.client.json;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.contract.ConfigKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns JSON into an event, checked field by field against the event's Avro schema, so that any
 * script can publish. Tolerant where there is no doubt what is meant: field names in snake_case
 * (the schema's) or camelCase; a missing or partial {@code header} filled from a fresh one; a
 * config as {@code "square8_2p"} or {@code {"board": "SQUARE8", "players": 2}}; times as ISO-8601
 * text or epoch milliseconds; a union value plain or in Avro's JSON form ({@code {"string": "x"}});
 * omitted fields that have defaults. Anything else fails with one line naming the field. The way
 * back is {@link AvroJson}, whose output this reads.
 */
public final class JsonToAvro {
  private final Supplier<EventHeader> freshHeader;

  /** A converter filling missing headers from {@code freshHeader}. */
  public JsonToAvro(Supplier<EventHeader> freshHeader) {
    this.freshHeader = freshHeader;
  }

  /** The event of {@code type} that {@code json} describes. */
  public <T extends SpecificRecord> T convert(JsonNode json, Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    if (!json.isObject()) {
      throw new JsonConversionException(
          "a " + type.getSimpleName() + " must be a JSON object, got " + kind(json));
    }
    return type.cast(record(schema, json, "", true));
  }

  private Object record(Schema schema, JsonNode json, String path, boolean top) {
    if (schema.getFullName().equals(ConfigKey.getClassSchema().getFullName()) && json.isTextual()) {
      try {
        return ConfigKeys.parse(json.asText());
      } catch (IllegalArgumentException e) {
        throw bad(path, e.getMessage());
      }
    }
    if (!json.isObject()) {
      throw bad(path, "expected an object (" + schema.getName() + "), got " + kind(json));
    }
    Map<String, JsonNode> given = byFieldName(schema, json, path);
    SpecificData model = SpecificData.getForSchema(schema);
    SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      String at = path.isEmpty() ? field.name() : path + "." + field.name();
      JsonNode value = given.get(field.name());
      if (top && field.name().equals("header")) {
        record.put(field.pos(), header(value, field.schema(), at));
      } else if (value != null) {
        record.put(field.pos(), value(field.schema(), value, at));
      } else if (field.hasDefaultValue()) {
        record.put(field.pos(), model.getDefaultValue(field));
      } else {
        throw bad(at, "missing, and it has no default (" + describe(field.schema()) + ")");
      }
    }
    return record;
  }

  /** The JSON's fields keyed by schema field name; camelCase names map to snake_case ones. */
  private static Map<String, JsonNode> byFieldName(Schema schema, JsonNode json, String path) {
    Map<String, JsonNode> given = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name =
          schema.getField(entry.getKey()) != null ? entry.getKey() : snake(entry.getKey());
      if (schema.getField(name) == null) {
        List<String> known = schema.getFields().stream().map(Schema.Field::name).toList();
        throw bad(
            path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(),
            "not a field of " + schema.getName() + " (it has " + String.join(", ", known) + ")");
      }
      given.put(name, entry.getValue());
    }
    return given;
  }

  private Object header(JsonNode json, Schema schema, String path) {
    EventHeader fresh = freshHeader.get();
    if (json == null || json.isNull()) {
      return fresh;
    }
    return record(schema, withDefaults(json, fresh), path, false);
  }

  /**
   * {@code json} with the required header fields it lacks taken from {@code fresh}. A given {@code
   * event_id} is kept (publishing the same JSON twice sends one event twice, a copy that consumers
   * count once); without a trace id, such an event names its trace after itself, as a root event
   * does.
   */
  private static JsonNode withDefaults(JsonNode json, EventHeader fresh) {
    if (!json.isObject()) {
      return json;
    }
    ObjectNode filled = ((ObjectNode) json).deepCopy();
    putIfAbsent(filled, "event_id", "eventId", fresh.getEventId());
    JsonNode given = filled.has("event_id") ? filled.get("event_id") : filled.get("eventId");
    putIfAbsent(filled, "source", "source", fresh.getSource());
    putIfAbsent(
        filled,
        "trace_id",
        "traceId",
        given.isTextual() && !given.asText().equals(fresh.getEventId())
            ? given.asText()
            : fresh.getTraceId());
    if (!filled.has("occurred_at") && !filled.has("occurredAt")) {
      filled.put("occurred_at", fresh.getOccurredAt().toEpochMilli());
    }
    return filled;
  }

  private static void putIfAbsent(ObjectNode node, String name, String camel, String v) {
    if (!node.has(name) && !node.has(camel)) {
      node.put(name, v);
    }
  }

  private Object value(Schema schema, JsonNode json, String path) {
    return switch (schema.getType()) {
      case RECORD -> record(schema, json, path, false);
      case UNION -> union(schema, json, path);
      case ENUM -> enumSymbol(schema, json, path);
      case STRING -> text(json, path);
      case INT -> integral(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int").intValue();
      case LONG -> longValue(schema, json, path);
      case FLOAT -> (float) number(json, path);
      case DOUBLE -> number(json, path);
      case BOOLEAN -> bool(json, path);
      case ARRAY -> array(schema, json, path);
      case MAP -> map(schema, json, path);
      case BYTES -> ByteBuffer.wrap(text(json, path).getBytes(StandardCharsets.ISO_8859_1));
      case NULL -> {
        if (!json.isNull()) {
          throw bad(path, "expected null, got " + kind(json));
        }
        yield null;
      }
      default -> throw bad(path, "has Avro type " + schema.getType() + ", which JSON cannot set");
    };
  }

  private Object union(Schema schema, JsonNode json, String path) {
    List<Schema> branches = schema.getTypes();
    if (json.isNull()) {
      if (branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) {
        return null;
      }
      throw bad(path, "may not be null (" + describe(schema) + ")");
    }
    if (json.isObject() && json.size() == 1) {
      String tag = json.fieldNames().next();
      for (Schema branch : branches) {
        if (branch.getType() != Schema.Type.NULL
            && (tag.equals(branch.getFullName()) || tag.equals(branch.getName()))) {
          return value(branch, json.get(tag), path);
        }
      }
    }
    JsonConversionException first = null;
    for (Schema branch : branches) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return value(branch, json, path);
      } catch (JsonConversionException e) {
        first = first == null ? e : first;
      }
    }
    throw first != null ? first : bad(path, "matches no branch of " + describe(schema));
  }

  private static Object enumSymbol(Schema schema, JsonNode json, String path) {
    String text = text(json, path);
    for (String symbol : schema.getEnumSymbols()) {
      if (symbol.equalsIgnoreCase(text)) {
        return SpecificData.getForSchema(schema).createEnum(symbol, schema);
      }
    }
    throw bad(path, "'" + text + "' is not one of " + String.join(", ", schema.getEnumSymbols()));
  }

  private static String text(JsonNode json, String path) {
    if (!json.isTextual()) {
      throw bad(path, "expected a string, got " + kind(json));
    }
    return json.asText();
  }

  private static Number integral(JsonNode json, String path, long min, long max, String what) {
    if (!json.isIntegralNumber() || !json.canConvertToLong()) {
      throw bad(path, "expected " + what + ", got " + kind(json));
    }
    long value = json.asLong();
    if (value < min || value > max) {
      throw bad(path, "expected " + what + ", got " + value + ", out of range");
    }
    return value;
  }

  private static Object longValue(Schema schema, JsonNode json, String path) {
    if (!(schema.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
      return integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE, "a long").longValue();
    }
    if (json.isTextual()) {
      try {
        return Instant.parse(json.asText());
      } catch (DateTimeParseException e) {
        throw bad(
            path,
            "expected an ISO-8601 time such as 2025-06-01T12:00:00Z or epoch milliseconds, got '"
                + json.asText()
                + "'");
      }
    }
    return Instant.ofEpochMilli(
        integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE, "a time").longValue());
  }

  private static double number(JsonNode json, String path) {
    if (!json.isNumber()) {
      throw bad(path, "expected a number, got " + kind(json));
    }
    return json.asDouble();
  }

  private static boolean bool(JsonNode json, String path) {
    if (!json.isBoolean()) {
      throw bad(path, "expected true or false, got " + kind(json));
    }
    return json.asBoolean();
  }

  private List<Object> array(Schema schema, JsonNode json, String path) {
    if (!json.isArray()) {
      throw bad(path, "expected an array, got " + kind(json));
    }
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      items.add(value(schema.getElementType(), json.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  private Map<String, Object> map(Schema schema, JsonNode json, String path) {
    if (!json.isObject()) {
      throw bad(path, "expected an object, got " + kind(json));
    }
    Map<String, Object> entries = new LinkedHashMap<>();
    json.fields()
        .forEachRemaining(
            e ->
                entries.put(
                    e.getKey(),
                    value(schema.getValueType(), e.getValue(), path + "." + e.getKey())));
    return entries;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String describe(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return String.join(" or ", schema.getTypes().stream().map(JsonToAvro::describe).toList());
    }
    if (schema.getLogicalType() != null) {
      return schema.getLogicalType().getName();
    }
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getName();
      default -> schema.getType().getName();
    };
  }

  private static String kind(JsonNode json) {
    String text = json.toString();
    return json.getNodeType().name().toLowerCase(Locale.ROOT)
        + " "
        + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }

  private static JsonConversionException bad(String path, String problem) {
    return new JsonConversionException("field '" + path + "': " + problem);
  }
}
