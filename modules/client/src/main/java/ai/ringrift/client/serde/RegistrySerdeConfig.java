package ai.ringrift.client.serde;

import ai.ringrift.client.registry.RegistryClientConfig;
import ai.ringrift.http.KeyStoreFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the registry serdes, under Confluent's property names so that the same map works for
 * Kafka clients, Kafka Streams and Kafka's console tools.
 *
 * @param client how to reach the registry ({@value #URL}, credentials, timeouts)
 * @param autoRegister {@value #AUTO_REGISTER}: register a producer's schema on first use (dev);
 *     off, the schema must already be registered (production)
 * @param useLatest {@value #USE_LATEST}: write with the subject's latest version
 * @param keyStrategy {@value #KEY_STRATEGY}
 * @param valueStrategy {@value #VALUE_STRATEGY}
 * @param specificReader {@value #SPECIFIC_READER}: decode to the generated class of the writer's
 *     record name instead of a GenericRecord
 * @param keyType {@value #KEY_TYPE}: the class to decode keys to (its schema is the reader schema)
 * @param valueType {@value #VALUE_TYPE}: the class to decode values to
 */
public record RegistrySerdeConfig(
    RegistryClientConfig client,
    boolean autoRegister,
    boolean useLatest,
    SubjectNameStrategy keyStrategy,
    SubjectNameStrategy valueStrategy,
    boolean specificReader,
    Optional<String> keyType,
    Optional<String> valueType) {
  public static final String URL = "schema.registry.url";
  public static final String AUTO_REGISTER = "auto.register.schemas";
  public static final String USE_LATEST = "use.latest.version";
  public static final String KEY_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_STRATEGY = "value.subject.name.strategy";
  public static final String SPECIFIC_READER = "specific.avro.reader";
  public static final String KEY_TYPE = "specific.avro.key.type";
  public static final String VALUE_TYPE = "specific.avro.value.type";
  public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_TOKEN = "bearer.auth.token";
  public static final String TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_RETRIES = "schema.registry.max.retries";

  /**
   * Confluent's trust store setting for an {@code https} registry; without it the Kafka clients'
   * {@code ssl.truststore.location} is used (one CA signs brokers and registry), then the JDK's.
   */
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

  public RegistrySerdeConfig {
    Objects.requireNonNull(client, URL);
    Objects.requireNonNull(keyStrategy, KEY_STRATEGY);
    Objects.requireNonNull(valueStrategy, VALUE_STRATEGY);
    Objects.requireNonNull(keyType, KEY_TYPE);
    Objects.requireNonNull(valueType, VALUE_TYPE);
  }

  /** Defaults for the registry at {@code url}: auto-register on, TopicNameStrategy. */
  public static RegistrySerdeConfig of(String url) {
    return from(Map.of(URL, url));
  }

  /** Reads the settings from a Kafka-style config map; errors name the key. */
  public static RegistrySerdeConfig from(Map<String, ?> config) {
    Object url = config.get(URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(URL + " is required for the registry Avro serdes");
    }
    String first = url.toString().split(",")[0].trim();
    RegistryClientConfig client = RegistryClientConfig.of(first);
    long timeout = number(config, TIMEOUT_MS, client.timeout().toMillis());
    client =
        client.withTimeouts(
            Duration.ofMillis(timeout),
            (int) number(config, MAX_RETRIES, client.maxRetries()),
            client.backoff());
    Optional<String> userInfo =
        string(config, BASIC_AUTH_USER_INFO)
            .or(() -> string(config, "schema.registry." + BASIC_AUTH_USER_INFO));
    String source = string(config, BASIC_AUTH_SOURCE).orElse("USER_INFO");
    if (userInfo.isPresent() && source.toUpperCase(Locale.ROOT).equals("USER_INFO")) {
      client = client.withBasicAuth(userInfo.get());
    }
    Optional<String> token = string(config, BEARER_TOKEN);
    if (token.isPresent()) {
      client = client.withBearerToken(token.get());
    }
    Optional<KeyStoreFile> trust =
        trustStore(config, "schema.registry.").or(() -> trustStore(config, ""));
    if (trust.isPresent()) {
      client = client.withTrustStore(trust.get());
    }
    return new RegistrySerdeConfig(
        client,
        flag(config, AUTO_REGISTER, true),
        flag(config, USE_LATEST, false),
        string(config, KEY_STRATEGY)
            .map(SubjectNameStrategy::parse)
            .orElse(SubjectNameStrategy.TOPIC_NAME),
        string(config, VALUE_STRATEGY)
            .map(SubjectNameStrategy::parse)
            .orElse(SubjectNameStrategy.TOPIC_NAME),
        flag(config, SPECIFIC_READER, false),
        string(config, KEY_TYPE),
        string(config, VALUE_TYPE));
  }

  private static Optional<KeyStoreFile> trustStore(Map<String, ?> config, String prefix) {
    return string(config, prefix + "ssl.truststore.location")
        .map(
            location ->
                new KeyStoreFile(
                    Path.of(location),
                    password(config.get(prefix + "ssl.truststore.password")),
                    string(config, prefix + "ssl.truststore.type").orElse(null)));
  }

  private static String password(Object value) {
    // Kafka's parsed configs hold passwords as Password, whose toString() is "[hidden]"
    if (value instanceof Password secret) {
      return secret.value();
    }
    return value == null ? "" : value.toString();
  }

  private static Optional<String> string(Map<String, ?> config, String key) {
    Object value = config.get(key);
    if (value instanceof Class<?> type) {
      return Optional.of(type.getName());
    }
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString().trim());
  }

  private static boolean flag(Map<String, ?> config, String key, boolean fallback) {
    Optional<String> value = string(config, key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              key + " must be true or false, was '" + value.get() + "'");
    };
  }

  private static long number(Map<String, ?> config, String key, long fallback) {
    Optional<String> value = string(config, key);
    try {
      return value.map(Long::parseLong).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, was '" + value.get() + "'", e);
    }
  }
}
