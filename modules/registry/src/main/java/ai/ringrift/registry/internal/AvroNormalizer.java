package ai.ringrift.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The normalized text of an Avro schema ({@code normalize=true}): Avro's rendering with every name
 * fully qualified (no {@code namespace} attributes), aliases sorted, attributes in one order
 * ({@code type}, {@code name}, then alphabetical; fields {@code name}, {@code type}, then
 * alphabetical) and whole-number defaults of {@code float}/{@code double} fields as decimals. Two
 * schemas that differ only in such spelling normalize to the same text, and so get one id.
 */
final class AvroNormalizer {
  private static final Set<String> PRIMITIVES =
      Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");
  private static final Set<String> NAMED = Set.of("record", "error", "enum", "fixed");

  private AvroNormalizer() {}

  static String normalize(Schema schema, List<Schema> referenced) {
    try {
      JsonNode rendered = StoreRecords.JSON.readTree(schema.toString(referenced, false));
      return StoreRecords.JSON.writeValueAsString(type(rendered, ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode type(JsonNode node, String namespace) {
    if (node.isTextual()) {
      return TextNode.valueOf(qualify(node.asText(), namespace));
    }
    if (node.isArray()) {
      ArrayNode union = StoreRecords.JSON.createArrayNode();
      node.forEach(branch -> union.add(type(branch, namespace)));
      return union;
    }
    String kind = node.path("type").asText("");
    if (NAMED.contains(kind)) {
      return named(node, kind, namespace);
    }
    Map<String, JsonNode> rest = new TreeMap<>();
    node.fields()
        .forEachRemaining(
            e ->
                rest.put(
                    e.getKey(),
                    Set.of("type", "items", "values").contains(e.getKey())
                        ? type(e.getValue(), namespace)
                        : e.getValue()));
    return ordered(List.of("type"), rest);
  }

  private static JsonNode named(JsonNode node, String kind, String namespace) {
    String name = node.path("name").asText();
    String own = node.has("namespace") ? node.path("namespace").asText("") : namespace;
    String full = name.contains(".") || own.isEmpty() ? name : own + "." + name;
    String inner = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : "";
    Map<String, JsonNode> rest = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "namespace" -> {
          // folded into the full name
        }
        case "name" -> rest.put("name", TextNode.valueOf(full));
        case "fields" -> rest.put("fields", fields(e.getValue(), inner));
        case "aliases" -> rest.put("aliases", aliases(e.getValue(), inner));
        default -> rest.put(e.getKey(), e.getValue());
      }
    }
    rest.put("type", TextNode.valueOf(kind));
    return ordered(List.of("type", "name"), rest);
  }

  private static ArrayNode fields(JsonNode fields, String namespace) {
    ArrayNode out = StoreRecords.JSON.createArrayNode();
    for (JsonNode field : fields) {
      Map<String, JsonNode> rest = new TreeMap<>();
      field.fields().forEachRemaining(e -> rest.put(e.getKey(), e.getValue()));
      JsonNode fieldType = type(field.path("type"), namespace);
      rest.put("type", fieldType);
      JsonNode defaultValue = field.get("default");
      if (defaultValue != null
          && defaultValue.isIntegralNumber()
          && Set.of("float", "double").contains(fieldType.asText())) {
        rest.put("default", DoubleNode.valueOf(defaultValue.asDouble()));
      }
      if (field.has("aliases")) {
        rest.put("aliases", sortedTexts(field.get("aliases")));
      }
      out.add(ordered(List.of("name", "type"), rest));
    }
    return out;
  }

  private static ArrayNode aliases(JsonNode aliases, String namespace) {
    List<String> names = new ArrayList<>();
    aliases.forEach(a -> names.add(qualify(a.asText(), namespace)));
    names.sort(null);
    ArrayNode out = StoreRecords.JSON.createArrayNode();
    names.forEach(out::add);
    return out;
  }

  private static ArrayNode sortedTexts(JsonNode values) {
    return aliases(values, "");
  }

  private static String qualify(String name, String namespace) {
    if (PRIMITIVES.contains(name) || name.contains(".") || namespace.isEmpty()) {
      return name;
    }
    return namespace + "." + name;
  }

  private static ObjectNode ordered(List<String> first, Map<String, JsonNode> rest) {
    ObjectNode out = StoreRecords.JSON.createObjectNode();
    for (String key : first) {
      if (rest.containsKey(key)) {
        out.set(key, rest.remove(key));
      }
    }
    rest.forEach(out::set);
    return out;
  }
}
