package ai.ringrift.client;

import ai.ringrift.config.SecretFiles;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How to reach the cluster: bootstrap servers, the schema registry, and any further Kafka client
 * setting (security, timeouts) passed through unchanged.
 *
 * <p>From the environment: {@code RINGRIFT_BOOTSTRAP_SERVERS} (default {@code localhost:9092}),
 * {@code RINGRIFT_SCHEMA_REGISTRY_URL}, and {@code RINGRIFT_KAFKA_<NAME>} for the client setting
 * {@code <name>} with '_' read as '.', e.g. {@code RINGRIFT_KAFKA_SECURITY_PROTOCOL=SASL_SSL}.
 * Without {@code RINGRIFT_BOOTSTRAP_SERVERS}, RingRift's {@code RINGRIFT_COORDINATOR_URL} says
 * where to join ({@link CoordinatorUrl}); explicit variables win over what it hands out. A {@code
 * RINGRIFT_BOOTSTRAP_SERVERS} that is set but blank is an error, not "unset".
 *
 * <p>Credentials: {@code RINGRIFT_KAFKA_USERNAME} (the role's principal, e.g. {@code selfplay})
 * with {@code RINGRIFT_CLUSTER_AUTH_TOKEN} (its password) sets up SASL as {@link #withSasl}
 * describes; settings given explicitly ({@code RINGRIFT_KAFKA_SASL_MECHANISM=PLAIN}, {@code
 * RINGRIFT_KAFKA_SECURITY_PROTOCOL=SASL_SSL}) win. {@link #toString()} never shows a secret.
 *
 * <p>Secrets from files: every secret variable may instead be given as {@code <NAME>_FILE} naming a
 * file that holds it (Docker secrets), e.g. {@code
 * RINGRIFT_CLUSTER_AUTH_TOKEN_FILE=/run/secrets/selfplay-token} or {@code
 * RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE}; see {@link SecretFiles}. TLS: with {@code
 * RINGRIFT_KAFKA_SSL_TRUSTSTORE_LOCATION} set, SASL logins use {@code SASL_SSL} (see {@link
 * #withSasl}); the same trust store verifies an {@code https} schema registry.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param schemaRegistryUrl base URL of a Confluent-compatible schema registry, when the caller or
 *     {@code RINGRIFT_SCHEMA_REGISTRY_URL} names one; when empty, clients use the one {@code
 *     WireSettings.resolve} (in {@code client.serde}) finds ({@code wire.schemaRegistryUrl} of
 *     {@code client.yaml}, {@code http://localhost:8081}): events are never plain Avro because this
 *     is empty
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

  /** Environment variable naming the SASL user (the role's principal); not passed through. */
  public static final String ENV_USERNAME = "RINGRIFT_KAFKA_USERNAME";

  /** Environment variable holding the SASL password of {@link #ENV_USERNAME}. */
  public static final String ENV_AUTH_TOKEN = "RINGRIFT_CLUSTER_AUTH_TOKEN";

  /** Where a broker listens when nothing else is said. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  /** The registry serdes' basic-auth setting (Confluent's name). */
  private static final String REGISTRY_USER_INFO = "basic.auth.user.info";

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          ENV_BOOTSTRAP_SERVERS + " (bootstrap servers) must not be blank");
    }
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * Settings for {@code bootstrapServers} with no further properties; the registry is the one every
   * client finds ({@code WireSettings.resolve}).
   */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Optional.empty(), Map.of());
  }

  /** Settings from this process's environment. */
  public static KafkaSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Settings from {@code env} (see the class comment for the variables). */
  public static KafkaSettings fromEnvironment(Map<String, String> environment) {
    Map<String, String> env = SecretFiles.resolve(environment);
    Map<String, String> properties = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_CLIENT_PREFIX)
              && name.length() > ENV_CLIENT_PREFIX.length()
              && !name.equals(ENV_USERNAME)) {
            properties.put(
                name.substring(ENV_CLIENT_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.'),
                value);
          }
        });
    String registry = env.get(ENV_SCHEMA_REGISTRY_URL);
    Optional<String> registryUrl =
        registry == null || registry.isBlank() ? Optional.empty() : Optional.of(registry);
    String bootstrap = env.get(ENV_BOOTSTRAP_SERVERS);
    Optional<String> coordinator = nonBlank(env.get(CoordinatorUrl.ENV));
    if (bootstrap == null && coordinator.isPresent()) {
      Optional<String> login =
          nonBlank(env.get(ENV_USERNAME))
              .flatMap(u -> nonBlank(env.get(ENV_AUTH_TOKEN)).map(t -> u.trim() + ":" + t));
      CoordinatorUrl joined = CoordinatorUrl.resolve(coordinator.get(), login);
      bootstrap = joined.bootstrapServers();
      registryUrl = registryUrl.or(joined::schemaRegistryUrl);
      joined.clientProperties().forEach(properties::putIfAbsent);
    }
    KafkaSettings settings =
        new KafkaSettings(
            bootstrap == null ? DEFAULT_BOOTSTRAP_SERVERS : bootstrap, registryUrl, properties);
    Optional<String> user = nonBlank(env.get(ENV_USERNAME));
    Optional<String> token = nonBlank(env.get(ENV_AUTH_TOKEN));
    if (user.isPresent() != token.isPresent()) {
      throw new IllegalArgumentException(
          ENV_USERNAME
              + " and "
              + ENV_AUTH_TOKEN
              + " go together: set both (the role's user name and its password) or neither");
    }
    return user.isPresent() ? settings.withSasl(user.get(), token.get()) : settings;
  }

  /**
   * A copy that authenticates as {@code username} with {@code password}: {@code
   * security.protocol=SASL_PLAINTEXT} ({@code SASL_SSL} when {@code ssl.truststore.location} is
   * set) and {@code sasl.mechanism=SCRAM-SHA-512} unless already set, the matching {@code
   * sasl.jaas.config}, and {@code basic.auth.user.info=username:password} for the schema registry
   * unless already set.
   */
  public KafkaSettings withSasl(String username, String password) {
    if (username == null || username.isBlank() || username.contains("\"")) {
      throw new IllegalArgumentException(
          ENV_USERNAME + " must be a user name, was '" + username + "'");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(ENV_AUTH_TOKEN + " must not be empty");
    }
    Map<String, String> changed = new TreeMap<>(clientProperties);
    changed.putIfAbsent(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        changed.containsKey(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG)
            ? "SASL_SSL"
            : "SASL_PLAINTEXT");
    String mechanism = changed.computeIfAbsent(SaslConfigs.SASL_MECHANISM, k -> "SCRAM-SHA-512");
    changed.put(SaslConfigs.SASL_JAAS_CONFIG, SaslJaas.config(mechanism, username, password));
    changed.putIfAbsent(REGISTRY_USER_INFO, username + ":" + password);
    return new KafkaSettings(bootstrapServers, schemaRegistryUrl, changed);
  }

  /** The SASL user these settings log in as, if they use SASL with a user name. */
  public Optional<String> username() {
    return Optional.ofNullable(clientProperties.get(SaslConfigs.SASL_JAAS_CONFIG))
        .flatMap(SaslJaas::username);
  }

  /** The settings with every secret (passwords, tokens, JAAS config) shown as {@code [hidden]}. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach((k, v) -> shown.put(k, SaslJaas.isSecret(k) ? "[hidden]" : v));
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", schemaRegistryUrl="
        + schemaRegistryUrl.orElse("none")
        + ", clientProperties="
        + shown
        + "]";
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
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
