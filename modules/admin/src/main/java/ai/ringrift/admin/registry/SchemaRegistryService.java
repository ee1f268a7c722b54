package ai.ringrift.admin.registry;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.registry.EmbeddedSchemaRegistry;
import ai.ringrift.registry.settings.RegistrySettings;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's schema registry ({@link EmbeddedSchemaRegistry}) as a service of its own, as the
 * compose cluster runs it ({@code ringrift-service schema-registry}); several instances on one
 * cluster agree on every id. Settings from the environment:
 *
 * <ul>
 *   <li>the cluster: {@code RINGRIFT_BOOTSTRAP_SERVERS}, logging in as {@code
 *       RINGRIFT_KAFKA_USERNAME} (role {@code registry}) with {@code RINGRIFT_CLUSTER_AUTH_TOKEN};
 *   <li>{@code RINGRIFT_REGISTRY_HOST} (default {@code 0.0.0.0}), {@code RINGRIFT_REGISTRY_PORT}
 *       (default 8081), {@code RINGRIFT_REGISTRY_REPLICATION_FACTOR} of {@code _schemas} when the
 *       registry creates it (default 1);
 *   <li>basic auth: every role of {@code security.yaml} whose {@code
 *       RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>} is set may call the API with that password; with none
 *       set the API is open (and says so at start).
 * </ul>
 */
public final class SchemaRegistryService {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemaRegistryService.class);

  public static final String ENV_HOST = "RINGRIFT_REGISTRY_HOST";
  public static final String ENV_PORT = "RINGRIFT_REGISTRY_PORT";
  public static final String ENV_REPLICATION_FACTOR = "RINGRIFT_REGISTRY_REPLICATION_FACTOR";

  /** The registry's own Kafka clients do not take the serdes' credentials setting. */
  private static final String SERDE_USER_INFO = "basic.auth.user.info";

  private SchemaRegistryService() {}

  /** The registry's settings from {@code env} and the roles of {@code config}'s security.yaml. */
  public static RegistrySettings settings(Map<String, String> env, ConfigSource config) {
    KafkaSettings kafka = KafkaSettings.fromEnvironment(env);
    Map<String, String> client = new TreeMap<>(kafka.clientProperties());
    client.remove(SERDE_USER_INFO);
    Map<String, String> users = new TreeMap<>();
    for (String role : SecurityConfig.load(config).roles().keySet()) {
      String password = env.get(SecurityConfig.tokenVariable(role));
      if (password != null && !password.isEmpty()) {
        users.put(role, password);
      }
    }
    return RegistrySettings.of(kafka.bootstrapServers())
        .withClientProperties(client)
        .withHost(env.getOrDefault(ENV_HOST, "0.0.0.0"))
        .withPort(number(env, ENV_PORT, RegistrySettings.DEFAULT_PORT))
        .withReplicationFactor(number(env, ENV_REPLICATION_FACTOR, 1))
        .withBasicAuth(users);
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
    }
  }

  /** Serves until the process is told to stop (SIGTERM). */
  public static void main(String[] args) throws InterruptedException {
    EmbeddedSchemaRegistry registry;
    try {
      RegistrySettings settings = settings(System.getenv(), ConfigSource.discover());
      if (settings.users().isEmpty()) {
        LOGGER.warn(
            "schema registry API is open: no RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE> is set, so no"
                + " basic auth");
      }
      registry = EmbeddedSchemaRegistry.start(settings);
      LOGGER.info(
          "schema registry serving at {} for roles {}", registry.url(), settings.users().keySet());
    } catch (RuntimeException e) {
      LOGGER.error("schema registry failed to start: {}", e.getMessage(), e);
      System.err.println("schema-registry: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  registry.close();
                  stopped.countDown();
                },
                "schema-registry-shutdown"));
    stopped.await();
  }
}
