package ai.ringrift.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the platform's config files come from: a directory (the repository's {@code config/}, or
 * one given with {@code --config} / {@code RINGRIFT_CONFIG_DIR}) or, when none is given, the copy
 * of {@code config/} packaged in the events jar. Files are YAML and bind to validated records; a
 * bad value fails with a message that names the file and the key. A source may carry overrides of
 * single keys (the embedded run's faster pace), applied before binding and so validated the same
 * way.
 */
public final class ConfigSource {
  /** Environment variable naming the config directory. */
  public static final String ENV_CONFIG_DIR = "RINGRIFT_CONFIG_DIR";

  /**
   * Environment variable naming override files (comma-separated), applied in order on top of the
   * config directory: a deployment (the compose cluster, say) changes a few keys without a copy of
   * the files. Each file maps a config file to dotted keys and values, as {@code embedded.yaml}'s
   * {@code pace} does: {@code stages.yaml: {sync.modelStaggerSeconds: 5}}.
   */
  public static final String ENV_CONFIG_OVERRIDES = "RINGRIFT_CONFIG_OVERRIDES";

  private static final String CLASSPATH_ROOT = "/ringrift/config/";
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new Jdk8Module())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private final Path directory;
  private final Map<String, Map<String, JsonNode>> overrides;

  private ConfigSource(Path directory) {
    this(directory, Map.of());
  }

  private ConfigSource(Path directory, Map<String, Map<String, JsonNode>> overrides) {
    this.directory = directory;
    this.overrides = overrides;
  }

  /** Files from {@code directory}; it must exist. */
  public static ConfigSource directory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ConfigException(
          "config directory", directory.toAbsolutePath() + " does not exist or is not a directory");
    }
    return new ConfigSource(directory);
  }

  /** The defaults packaged with the platform (a copy of the repository's {@code config/}). */
  public static ConfigSource packaged() {
    return new ConfigSource(null);
  }

  /**
   * The directory named by {@code RINGRIFT_CONFIG_DIR}, else {@code ./config} when it holds the
   * catalog, else the packaged defaults.
   */
  public static ConfigSource discover() {
    return discover(System.getenv());
  }

  /**
   * As {@link #discover()} with {@code env} for the environment: the directory of {@code
   * RINGRIFT_CONFIG_DIR} (or {@code ./config}, or the packaged defaults) with the files of {@code
   * RINGRIFT_CONFIG_OVERRIDES} applied.
   */
  public static ConfigSource discover(Map<String, String> env) {
    String fromEnv = env.get(ENV_CONFIG_DIR);
    ConfigSource base;
    if (fromEnv != null && !fromEnv.isBlank()) {
      base = directory(Path.of(fromEnv));
    } else if (Files.isRegularFile(Path.of("config").resolve("topics.yaml"))) {
      base = new ConfigSource(Path.of("config"));
    } else {
      base = packaged();
    }
    return base.withOverrideFiles(env.get(ENV_CONFIG_OVERRIDES));
  }

  /**
   * This source with the override files of {@code list} (comma-separated paths, as {@code
   * RINGRIFT_CONFIG_OVERRIDES} gives them) applied in order; null or blank changes nothing.
   *
   * @throws ConfigException naming the override file and the key that is wrong
   */
  public ConfigSource withOverrideFiles(String list) {
    ConfigSource changed = this;
    if (list == null || list.isBlank()) {
      return changed;
    }
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        changed = changed.withOverrideFile(Path.of(name.trim()));
      }
    }
    return changed;
  }

  private ConfigSource withOverrideFile(Path file) {
    JsonNode tree;
    try (InputStream in = Files.newInputStream(file)) {
      tree = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          ENV_CONFIG_OVERRIDES,
          ENV_CONFIG_OVERRIDES + ": " + file + ": is not valid YAML: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ConfigException(
          ENV_CONFIG_OVERRIDES,
          ENV_CONFIG_OVERRIDES + ": " + file + ": cannot be read (" + e.getMessage() + ")",
          e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ConfigException(
          ENV_CONFIG_OVERRIDES,
          ENV_CONFIG_OVERRIDES + ": " + file + ": must map config files to {dotted.key: value}",
          null);
    }
    ConfigSource changed = this;
    for (Map.Entry<String, JsonNode> entry : tree.properties()) {
      if (!entry.getValue().isObject()) {
        throw new ConfigException(
            entry.getKey(),
            file + ": " + entry.getKey() + ": must map dotted keys to values, e.g. {a.b: 1}",
            null);
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      entry.getValue().properties().forEach(e -> values.put(e.getKey(), e.getValue()));
      try {
        changed = changed.withOverrides(entry.getKey(), values);
      } catch (ConfigException e) {
        throw new ConfigException(e.key(), file + ": " + e.getMessage(), e);
      }
    }
    return changed;
  }

  /** The directory, or empty for the packaged defaults. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /**
   * This source with {@code values} replacing keys of {@code file}: dotted paths from the file's
   * top level ({@code signals.minTrainingIntervalSeconds}) to YAML scalars, lists or maps.
   *
   * @throws ConfigException naming the key when {@code file} has no such key
   */
  public ConfigSource withOverrides(String file, Map<String, ?> values) {
    JsonNode tree = read(file);
    Map<String, Map<String, JsonNode>> all = new TreeMap<>(overrides);
    Map<String, JsonNode> forFile = new LinkedHashMap<>(all.getOrDefault(file, Map.of()));
    values.forEach(
        (key, value) -> {
          if (tree.at(pointer(key)).isMissingNode() || !parentOf(tree, key).isObject()) {
            throw new ConfigException(
                key, describe(file) + ": " + key + ": no such key to override", null);
          }
          forFile.put(key, MAPPER.valueToTree(value));
        });
    all.put(file, Map.copyOf(forFile));
    return new ConfigSource(directory, Map.copyOf(all));
  }

  /** The overrides this source applies: file → dotted key → value as YAML text. */
  public Map<String, Map<String, String>> overrides() {
    Map<String, Map<String, String>> shown = new TreeMap<>();
    overrides.forEach(
        (file, values) -> {
          Map<String, String> text = new TreeMap<>();
          values.forEach((k, v) -> text.put(k, v.toString()));
          shown.put(file, text);
        });
    return shown;
  }

  /** Binds a whole file to {@code type}. */
  public <T> T load(String file, Class<T> type) {
    return bind(file, "", read(file), type);
  }

  /** Binds one top-level section of a file to {@code type}; the section must be present. */
  public <T> T section(String file, String section, Class<T> type) {
    JsonNode node = read(file).get(section);
    if (node == null || node.isNull()) {
      throw new ConfigException(section, describe(file) + ": " + section + ": is required", null);
    }
    return bind(file, section, node, type);
  }

  /** Human description of a file of this source, for messages. */
  public String describe(String file) {
    String where = directory == null ? "packaged " + file : directory.resolve(file).toString();
    Map<String, JsonNode> replaced = overrides.get(file);
    return replaced == null ? where : where + " (overridden: " + replaced + ")";
  }

  private JsonNode read(String file) {
    try (InputStream in = open(file)) {
      JsonNode tree = MAPPER.readTree(in);
      if (tree == null || !tree.isObject()) {
        throw new ConfigException(file, describe(file) + ": is empty or not a YAML mapping", null);
      }
      overrides.getOrDefault(file, Map.of()).forEach((key, value) -> replace(tree, key, value));
      return tree;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          file, describe(file) + ": is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + describe(file), e);
    }
  }

  private static void replace(JsonNode tree, String key, JsonNode value) {
    ((ObjectNode) parentOf(tree, key))
        .set(key.substring(key.lastIndexOf('.') + 1), value.deepCopy());
  }

  private static JsonNode parentOf(JsonNode tree, String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? tree : tree.at(pointer(key.substring(0, dot)));
  }

  private static String pointer(String dottedKey) {
    return "/" + dottedKey.replace("~", "~0").replace("/", "~1").replace('.', '/');
  }

  private InputStream open(String file) throws IOException {
    if (directory != null) {
      Path path = directory.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw new ConfigException(file, describe(file) + ": file not found", null);
      }
      return Files.newInputStream(path);
    }
    InputStream in = ConfigSource.class.getResourceAsStream(CLASSPATH_ROOT + file);
    if (in == null) {
      throw new ConfigException(file, describe(file) + ": not packaged", null);
    }
    return in;
  }

  private <T> T bind(String file, String section, JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String key = keyOf(section, e);
      throw new ConfigException(key, describe(file) + ": " + key + ": " + problemOf(e), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(section, describe(file) + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String keyOf(String section, JsonMappingException e) {
    StringBuilder path = new StringBuilder(section);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigException ce) {
      path.append(path.length() == 0 ? "" : ".").append(ce.key());
    }
    return path.toString();
  }

  private static String problemOf(JsonMappingException e) {
    if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigException ce) {
      String message = ce.getMessage();
      return message.substring(message.indexOf(": ") + 2);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key '"
          + u.getPropertyName()
          + "' (known keys: "
          + u.getKnownPropertyIds()
          + ")";
    }
    if (e instanceof InvalidFormatException f) {
      return "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
    }
    if (e instanceof MismatchedInputException m
        && m.getOriginalMessage().contains("Cannot map `null`")) {
      return "is required";
    }
    return e.getOriginalMessage();
  }
}
