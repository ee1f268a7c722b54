package ai.ringrift.admin.cli;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.client.security.SecurityErrors;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/**
 * Where the cluster is, shared by every command: {@code --bootstrap-server}, {@code
 * --registry-url}, {@code --command-config} and {@code --config}. Defaults come from the
 * environment ({@code RINGRIFT_BOOTSTRAP_SERVERS}, {@code RINGRIFT_SCHEMA_REGISTRY_URL}, {@code
 * RINGRIFT_CONFIG_DIR}, {@code RINGRIFT_KAFKA_*}, {@code RINGRIFT_KAFKA_USERNAME} + {@code
 * RINGRIFT_CLUSTER_AUTH_TOKEN}).
 */
public final class ConnectionOptions {
  /** How long a command waits for the cluster before saying it cannot reach it. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = {"-b", "--bootstrap-server"},
      paramLabel = "HOST:PORT",
      description =
          "Kafka bootstrap servers (default: $RINGRIFT_BOOTSTRAP_SERVERS or localhost:9092).")
  String bootstrapServers;

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      description = "Schema registry URL (default: $RINGRIFT_SCHEMA_REGISTRY_URL).")
  String registryUrl;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client settings (security.protocol, sasl.jaas.config, ...) as a properties file,"
              + " as Kafka's own tools take them; they win over the environment.")
  Path commandConfig;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "Config directory (default: $RINGRIFT_CONFIG_DIR, ./config, or the packaged defaults).")
  Path configDirectory;

  private Map<String, String> environment = System.getenv();

  /** Uses {@code env} instead of the process environment (tests). */
  public ConnectionOptions environment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    return this;
  }

  /** The connection the options describe. */
  public KafkaSettings kafkaSettings() {
    KafkaSettings fromEnv;
    try {
      fromEnv = KafkaSettings.fromEnvironment(environment);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    Map<String, String> properties = new TreeMap<>(fromEnv.clientProperties());
    properties.putAll(commandConfig());
    return new KafkaSettings(
        bootstrapServers != null ? bootstrapServers : fromEnv.bootstrapServers(),
        Optional.ofNullable(registryUrl).or(fromEnv::schemaRegistryUrl),
        properties);
  }

  private Map<String, String> commandConfig() {
    if (commandConfig == null) {
      return Map.of();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(commandConfig)) {
      props.load(in);
    } catch (IOException e) {
      throw new CliException(
          "cannot read --command-config " + commandConfig + ": " + e.getMessage(), e);
    }
    Map<String, String> settings = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> settings.put(k, props.getProperty(k).trim()));
    return settings;
  }

  /**
   * The one-line explanation of an authentication or authorization failure in {@code failure}
   * (principal, resource, what to do), or empty when it is none.
   */
  public Optional<String> explain(Throwable failure, SecurityErrors.Access access) {
    SecurityConfig security;
    try {
      security = SecurityConfig.load(config());
    } catch (RuntimeException e) {
      security = SecurityConfig.load(ConfigSource.packaged());
    }
    KafkaSettings settings;
    try {
      settings = kafkaSettings();
    } catch (RuntimeException e) {
      settings = KafkaSettings.of(KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS);
    }
    return new SecurityErrors(security)
        .explain(failure, settings, access)
        .map(Throwable::getMessage);
  }

  /** The config directory the options name. */
  public ConfigSource config() {
    try {
      return configDirectory != null
          ? ConfigSource.directory(configDirectory)
          : ConfigSource.discover();
    } catch (ConfigException e) {
      throw new CliException(e.getMessage() + "; pass --config DIR", e);
    }
  }

  /** The topic catalog from the config directory. */
  public TopicCatalog catalog() {
    return TopicCatalog.load(config());
  }

  /**
   * An admin client for a cluster that answered; a cluster that does not answer within {@link
   * #TIMEOUT} is a {@link CliException} naming the address.
   */
  public Admin admin() {
    KafkaSettings settings = kafkaSettings();
    Map<String, Object> config = settings.clientConfig();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    Admin admin = Admin.create(config);
    try {
      admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return admin;
    } catch (TimeoutException | ExecutionException e) {
      admin.close(Duration.ZERO);
      Optional<String> denied = explain(e, SecurityErrors.Access.MANAGE);
      if (denied.isPresent()) {
        throw new CliException(denied.get(), e);
      }
      throw unreachable(settings.bootstrapServers(), e);
    } catch (InterruptedException e) {
      admin.close(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while connecting to " + settings.bootstrapServers());
    }
  }

  /** The one-line error for a cluster that does not answer. */
  public static CliException unreachable(String bootstrap, Exception cause) {
    return new CliException(
        "cannot reach Kafka at "
            + bootstrap
            + " within "
            + TIMEOUT.toSeconds()
            + " s; start it with `scripts/ringrift up` or pass --bootstrap-server (a SASL cluster"
            + " also needs RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN)",
        cause);
  }
}
