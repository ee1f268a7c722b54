package ai.ringrift.client.serde;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How event values travel, from {@code config/client.yaml} (section {@code wire}): the one setting
 * every reader and writer of a deployment must agree on. {@link #resolve} is the one place where a
 * client, a service or a {@code ringrift} command finds it.
 *
 * @param format {@code registry} (Confluent-framed Avro through the schema registry, the default)
 *     or {@code plain} (unframed Avro, for a deployment where every reader and writer is plain)
 * @param schemaRegistryUrl the registry when neither the caller nor {@code
 *     RINGRIFT_SCHEMA_REGISTRY_URL} names one: where {@code ringrift up} runs it
 * @param checkTimeoutMs how long a publisher, subscriber or service reads, at start, the latest
 *     records of its topics to check that they have its format
 */
public record WireSettings(WireFormat format, String schemaRegistryUrl, long checkTimeoutMs) {
  /** The file these settings live in. */
  public static final String FILE = "client.yaml";

  /** The file's section. */
  public static final String SECTION = "wire";

  /** Environment variable that wins over {@code wire.format}. */
  public static final String ENV_FORMAT = "RINGRIFT_WIRE_FORMAT";

  /** The setting to change when a client and a topic disagree, as messages name it. */
  public static final String SETTING = "wire.format (config/client.yaml, or " + ENV_FORMAT + ")";

  public WireSettings {
    Check.present("format", format);
    Check.notBlank("schemaRegistryUrl", schemaRegistryUrl);
    Check.that(
        isHttpUrl(schemaRegistryUrl),
        "schemaRegistryUrl",
        "must be an http(s) URL, was '" + schemaRegistryUrl + "'");
    Check.atLeast("checkTimeoutMs", checkTimeoutMs, 1);
  }

  /** Loads the section from {@code source}. */
  public static WireSettings load(ConfigSource source) {
    return source.section(FILE, SECTION, WireSettings.class);
  }

  /** The packaged defaults. */
  public static WireSettings defaults() {
    return load(ConfigSource.packaged());
  }

  /** As {@link #resolve(KafkaSettings, ConfigSource, Map)} with this process's environment. */
  public static WireSettings resolve(KafkaSettings kafka, ConfigSource config) {
    return resolve(kafka, config, System.getenv());
  }

  /**
   * The format and registry a client of {@code kafka} uses. The registry: the one {@code kafka}
   * names (the caller's setting: {@code --registry-url}, {@link KafkaSettings#withSchemaRegistry},
   * or {@code RINGRIFT_SCHEMA_REGISTRY_URL} read by {@link KafkaSettings#fromEnvironment()}), else
   * {@code RINGRIFT_SCHEMA_REGISTRY_URL} in {@code env}, else {@code wire.schemaRegistryUrl} of
   * {@code config}. The format: {@code RINGRIFT_WIRE_FORMAT} in {@code env}, else {@code
   * wire.format}. Plain Avro is never a fallback: only a setting that names it gives it.
   *
   * @throws ConfigException when the format is plain and a registry is named too (one of them is a
   *     mistake), or a value is invalid
   */
  public static WireSettings resolve(
      KafkaSettings kafka, ConfigSource config, Map<String, String> env) {
    WireSettings configured = load(config);
    WireFormat format = configured.format();
    String fromEnv = env.get(ENV_FORMAT);
    if (fromEnv != null && !fromEnv.isBlank()) {
      try {
        format = WireFormat.parse(fromEnv);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(ENV_FORMAT, e.getMessage());
      }
    }
    Optional<String> named =
        kafka
            .schemaRegistryUrl()
            .or(() -> nonBlank(env.get(KafkaSettings.ENV_SCHEMA_REGISTRY_URL)));
    if (format == WireFormat.PLAIN && named.isPresent()) {
      throw new ConfigException(
          SECTION + ".format",
          "is plain ("
              + (fromEnv != null && !fromEnv.isBlank() ? ENV_FORMAT : config.describe(FILE))
              + ") but a schema registry is named too ("
              + named.get()
              + ", by --registry-url, withSchemaRegistry or "
              + KafkaSettings.ENV_SCHEMA_REGISTRY_URL
              + "): plain Avro uses no registry; unset one of the two");
    }
    return new WireSettings(
        format, named.orElse(configured.schemaRegistryUrl()), configured.checkTimeoutMs());
  }

  /** The registry's URL when the format uses one. */
  public Optional<String> registryUrl() {
    return format == WireFormat.REGISTRY ? Optional.of(schemaRegistryUrl) : Optional.empty();
  }

  /** {@link #checkTimeoutMs} as a duration. */
  public Duration checkTimeout() {
    return Duration.ofMillis(checkTimeoutMs);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static boolean isHttpUrl(String value) {
    try {
      String scheme = URI.create(value.split(",")[0].trim()).getScheme();
      return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
