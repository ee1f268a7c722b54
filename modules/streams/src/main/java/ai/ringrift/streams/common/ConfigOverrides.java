package ai.ringrift.streams.common;

import ai.ringrift.config.ConfigException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.Map;
import java.util.TreeSet;

/**
 * Changes values of a validated config record by dotted key, as {@code ringrift what-if promotion
 * --set headToHead.rule=SPRT --set cooldownSeconds=600} does. Values are read as YAML ({@code 0.6},
 * {@code true}, {@code SPRT}, {@code [a, b]}); the changed record is validated again, and an
 * unknown key or a bad value fails with the key in the message.
 */
public final class ConfigOverrides {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new Jdk8Module())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigOverrides() {}

  /** {@code config} with {@code overrides} ({@code dotted.key -> value}) applied. */
  public static <T> T apply(T config, Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return config;
    }
    ObjectNode tree = MAPPER.valueToTree(config);
    overrides.forEach((key, value) -> set(tree, key, parse(key, value)));
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) config.getClass();
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ConfigException ce) {
        throw new ConfigException(ce.key(), "after --set " + overrides + ": " + problem(ce));
      }
      throw new ConfigException(String.join(",", overrides.keySet()), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException(String.join(",", overrides.keySet()), e.getOriginalMessage());
    }
  }

  private static void set(ObjectNode root, String key, JsonNode value) {
    String[] path = key.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = node.get(path[i]);
      if (child == null || !child.isObject()) {
        throw unknown(key, path[i], node);
      }
      node = (ObjectNode) child;
    }
    String last = path[path.length - 1];
    if (!node.has(last)) {
      throw unknown(key, last, node);
    }
    node.set(last, value);
  }

  private static JsonNode parse(String key, String value) {
    try {
      JsonNode node = MAPPER.readTree(value);
      return node == null ? MAPPER.nullNode() : node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(key, "'" + value + "' is not a valid value");
    }
  }

  private static ConfigException unknown(String key, String segment, ObjectNode at) {
    TreeSet<String> known = new TreeSet<>();
    at.fieldNames().forEachRemaining(known::add);
    return new ConfigException(key, "unknown key '" + segment + "' (known keys: " + known + ")");
  }

  private static String problem(ConfigException e) {
    String message = e.getMessage();
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}
