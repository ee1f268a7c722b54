package ai.ringrift.admin.cli;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.client.security.SecurityErrors;
import ai.ringrift.client.serde.RegistrySerdeConfig;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * --registry-url}, {@code --command-config} and the config directory. Defaults come from the
 * environment ({@code RINGRIFT_BOOTSTRAP_SERVERS}, {@code RINGRIFT_SCHEMA_REGISTRY_URL}, {@code
 * RINGRIFT_CONFIG_DIR}, {@code RINGRIFT_KAFKA_*}, {@code RINGRIFT_KAFKA_USERNAME} + {@code
 * RINGRIFT_CLUSTER_AUTH_TOKEN}) and, for the registry and the wire format, the config directory's
 * {@code client.yaml} ({@link #wire()}). The config directory option is declared by the two mixins,
 * {@link ConnectionOptions} ({@code --config DIR}) and {@link ScopedConnectionOptions} (for
 * commands whose {@code --config} names a config key such as {@code square8_2p}); both take {@code
 * --config-dir}.
 */
public abstract class ClusterOptions {
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
      description =
          "Schema registry URL (default: $RINGRIFT_SCHEMA_REGISTRY_URL, else"
              + " wire.schemaRegistryUrl in client.yaml: http://localhost:8081, where"
              + " `ringrift up` runs it).")
  String registryUrl;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client settings (security.protocol, sasl.jaas.config, ...) as a properties file,"
              + " as Kafka's own tools take them; they win over the environment.")
  Path commandConfig;

  /** Help text of the config directory option. */
  protected static final String CONFIG_DIR_HELP =
      "Config directory (default: $RINGRIFT_CONFIG_DIR, ./config, or the packaged defaults).";

  /** Set by the subclass's option. */
  protected Path configDirectory;

  private Map<String, String> environment = System.getenv();

  /** Uses {@code env} instead of the process environment (tests). */
  public ClusterOptions environment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    return this;
  }

  /**
   * The connection the options describe, with the schema registry {@link #wire()} finds (none when
   * {@code wire.format} is plain).
   */
  public KafkaSettings kafkaSettings() {
    KafkaSettings named = namedSettings();
    return wire(named).registryUrl().map(named::withSchemaRegistry).orElse(named);
  }

  private KafkaSettings namedSettings() {
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

  /**
   * The wire format and registry of the options, found as every client finds them ({@link
   * WireSettings#resolve}): {@code --registry-url}, else {@code RINGRIFT_SCHEMA_REGISTRY_URL}, else
   * {@code wire.schemaRegistryUrl} of the config directory.
   */
  public WireSettings wire() {
    return wire(namedSettings());
  }

  private WireSettings wire(KafkaSettings named) {
    return WireSettings.resolve(named, config(), environment);
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
              .withOverrideFiles(environment.get(ConfigSource.ENV_CONFIG_OVERRIDES))
          : ConfigSource.discover();
    } catch (ConfigException e) {
      throw new CliException(e.getMessage() + "; pass --config-dir DIR", e);
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

  /**
   * A client of the schema registry the options find ({@link #wire()}), with the client properties'
   * credentials; {@link CliException} when {@code wire.format} is plain.
   */
  public SchemaRegistryClient registryClient() {
    KafkaSettings settings = kafkaSettings();
    String url =
        wire()
            .registryUrl()
            .orElseThrow(
                () ->
                    new CliException(
                        "no schema registry: "
                            + WireSettings.SETTING
                            + " is plain, so events travel without one; set it to registry to use"
                            + " the registry"));
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(RegistrySerdeConfig.URL, url);
    try {
      return new SchemaRegistryClient(RegistrySerdeConfig.from(config).client());
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage() + "; check --registry-url", e);
    }
  }

  /**
   * The registry client after the registry answered; an unreachable registry or refused credentials
   * are a {@link CliException} naming the URL.
   */
  public SchemaRegistryClient reachableRegistry() {
    SchemaRegistryClient client = registryClient();
    String url = wire().schemaRegistryUrl();
    try {
      client.globalCompatibility();
      return client;
    } catch (SchemaRegistryException.Unauthorized e) {
      throw new CliException(
          "the schema registry at "
              + url
              + " refused the credentials ("
              + e.getMessage()
              + "): set RINGRIFT_KAFKA_BASIC_AUTH_USER_INFO=user:password or the role's"
              + " RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN",
          e);
    } catch (SchemaRegistryException e) {
      throw new CliException(
          "cannot reach the schema registry at "
              + url
              + " ("
              + e.getMessage()
              + "); start it with `scripts/ringrift up`, or pass --registry-url or set"
              + " RINGRIFT_SCHEMA_REGISTRY_URL",
          e);
    }
  }

  /**
   * The cluster after it answered (and the registry, when one is named), with the catalog, serdes
   * and clients a command needs.
   */
  public Connected connect() {
    return Connected.to(this);
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
