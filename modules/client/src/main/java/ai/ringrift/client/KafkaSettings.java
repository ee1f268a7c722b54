package ai.ringrift.client;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to reach the cluster: bootstrap servers, the schema registry, and any further Kafka client
 * setting (security, timeouts) passed through unchanged.
 *
 * <p>From the environment: {@code RINGRIFT_BOOTSTRAP_SERVERS} (default {@code localhost:9092}),
 * {@code RINGRIFT_SCHEMA_REGISTRY_URL}, and {@code RINGRIFT_KAFKA_<NAME>} for the client setting
 * {@code <name>} with '_' read as '.', e.g. {@code RINGRIFT_KAFKA_SECURITY_PROTOCOL=SASL_SSL}.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param schemaRegistryUrl base URL of a Confluent-compatible schema registry, when one is used
 * @param clientProperties further Kafka client settings for every producer, consumer and admin
 */
public record KafkaSettings(
    String bootstrapServers,
    Optional<String> schemaRegistryUrl,
    Map<String, String> clientProperties) {
  /** Environment variable for the bootstrap servers. */
  public static final String ENV_BOOTSTRAP_SERVERS = "RINGRIFT_BOOTSTRAP_SERVERS";

  /** Environment variable for the schema registry URL. */
  public static final String ENV_SCHEMA_REGISTRY_URL = "RINGRIFT_SCHEMA_REGISTRY_URL";

  /** Prefix of environment variables passed through as Kafka client settings. */
  public static final String ENV_CLIENT_PREFIX = "RINGRIFT_KAFKA_";

  /** Where a broker listens when nothing else is said. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          ENV_BOOTSTRAP_SERVERS + " (bootstrap servers) must not be blank");
    }
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Settings for {@code bootstrapServers} with no registry and no further properties. */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Optional.empty(), Map.of());
  }

  /** Settings from this process's environment. */
  public static KafkaSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Settings from {@code env} (see the class comment for the variables). */
  public static KafkaSettings fromEnvironment(Map<String, String> env) {
    Map<String, String> properties = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_CLIENT_PREFIX) && name.length() > ENV_CLIENT_PREFIX.length()) {
            properties.put(
                name.substring(ENV_CLIENT_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.'),
                value);
          }
        });
    String registry = env.get(ENV_SCHEMA_REGISTRY_URL);
    return new KafkaSettings(
        env.getOrDefault(ENV_BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS),
        registry == null || registry.isBlank() ? Optional.empty() : Optional.of(registry),
        properties);
  }

  /** A copy that uses the schema registry at {@code url}. */
  public KafkaSettings withSchemaRegistry(String url) {
    return new KafkaSettings(bootstrapServers, Optional.of(url), clientProperties);
  }

  /** A copy with one more client setting. */
  public KafkaSettings with(String name, String value) {
    Map<String, String> changed = new TreeMap<>(clientProperties);
    changed.put(name, value);
    return new KafkaSettings(bootstrapServers, schemaRegistryUrl, changed);
  }

  /**
   * Bootstrap servers plus the pass-through settings, as a fresh mutable map for a client's config.
   */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new TreeMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }
}
