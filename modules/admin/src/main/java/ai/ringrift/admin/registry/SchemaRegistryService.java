package ai.ringrift.admin.registry;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.config.SecretFiles;
import ai.ringrift.http.KeyStoreFile;
import ai.ringrift.registry.EmbeddedSchemaRegistry;
import ai.ringrift.registry.settings.RegistrySettings;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.StandaloneService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
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
 *       set the API is open (and says so at start);
 *   <li>{@code RINGRIFT_REGISTRY_USERS_FILE}: a password file in Jetty's format (what {@code
 *       ringrift acls users --registry-password-file} writes: MD5 hashes) whose users may call the
 *       API too; read again when it changes, so a rotated password needs no restart and the
 *       registry needs no role's password;
 *   <li>{@code RINGRIFT_REGISTRY_ADMINS}: the users (comma-separated) who may change schemas,
 *       config and modes; the other users only read. Unset: every user may write;
 *   <li>{@code RINGRIFT_REGISTRY_SUBJECT_WRITERS}: {@code user=prefix} pairs (comma-separated) of
 *       users who may also change the subjects under their prefix, e.g. {@code streams=ringrift-}
 *       for the Streams apps' internal topics;
 *   <li>{@code RINGRIFT_REGISTRY_SSL_KEYSTORE_LOCATION}, {@code _PASSWORD} (or {@code
 *       _PASSWORD_FILE}), {@code _TYPE}: serve HTTPS with this key store.
 * </ul>
 *
 * Every secret may come from a file ({@code <NAME>_FILE}, see {@link SecretFiles}), as Docker
 * secrets give them.
 */
public final class SchemaRegistryService {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemaRegistryService.class);

  public static final String ENV_HOST = "RINGRIFT_REGISTRY_HOST";
  public static final String ENV_PORT = "RINGRIFT_REGISTRY_PORT";
  public static final String ENV_REPLICATION_FACTOR = "RINGRIFT_REGISTRY_REPLICATION_FACTOR";
  public static final String ENV_ADMINS = "RINGRIFT_REGISTRY_ADMINS";
  public static final String ENV_SUBJECT_WRITERS = "RINGRIFT_REGISTRY_SUBJECT_WRITERS";
  public static final String ENV_USERS_FILE = "RINGRIFT_REGISTRY_USERS_FILE";
  public static final String ENV_KEYSTORE = "RINGRIFT_REGISTRY_SSL_KEYSTORE";

  /** The registry's own Kafka clients do not take the serdes' credentials setting. */
  private static final String SERDE_USER_INFO = "basic.auth.user.info";

  private SchemaRegistryService() {}

  /** The registry's settings from {@code env} and the roles of {@code config}'s security.yaml. */
  public static RegistrySettings settings(Map<String, String> environment, ConfigSource config) {
    Map<String, String> env = SecretFiles.resolve(environment);
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
    String usersFile = env.getOrDefault(ENV_USERS_FILE, "").trim();
    RegistrySettings settings =
        RegistrySettings.of(kafka.bootstrapServers())
            .withClientProperties(client)
            .withHost(env.getOrDefault(ENV_HOST, "0.0.0.0"))
            .withPort(number(env, ENV_PORT, RegistrySettings.DEFAULT_PORT))
            .withReplicationFactor(number(env, ENV_REPLICATION_FACTOR, 1))
            .withBasicAuth(users);
    if (!usersFile.isEmpty()) {
      settings = settings.withUsersFile(Path.of(usersFile));
    }
    settings =
        settings
            .withAdmins(admins(env, usersFile.isEmpty() ? users.keySet() : null))
            .withSubjectWriters(subjectWriters(env));
    Optional<KeyStoreFile> tls = KeyStoreFile.fromEnvironment(env, ENV_KEYSTORE);
    return tls.isPresent() ? settings.withTls(tls.get()) : settings;
  }

  /**
   * The admins {@value #ENV_ADMINS} names; each must be one of {@code users} (when the users are
   * known here, not only in a users file).
   */
  private static Set<String> admins(Map<String, String> env, Set<String> users) {
    Set<String> admins =
        Arrays.stream(env.getOrDefault(ENV_ADMINS, "").split(","))
            .map(String::trim)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    for (String admin : admins) {
      if (users != null && !users.contains(admin)) {
        throw new IllegalArgumentException(
            ENV_ADMINS
                + " names '"
                + admin
                + "', who is no user of the registry: set "
                + SecurityConfig.tokenVariable(admin)
                + " (or its _FILE)");
      }
    }
    return admins;
  }

  /** The {@code user=prefix} pairs {@value #ENV_SUBJECT_WRITERS} names. */
  private static Map<String, String> subjectWriters(Map<String, String> env) {
    Map<String, String> writers = new TreeMap<>();
    for (String pair : env.getOrDefault(ENV_SUBJECT_WRITERS, "").split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] parts = pair.trim().split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException(
            ENV_SUBJECT_WRITERS + " takes user=prefix pairs, was '" + pair.trim() + "'");
      }
      writers.put(parts[0].trim(), parts[1].trim());
    }
    return writers;
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

  /** The registry as a process of its own: {@code scripts/ringrift-service schema-registry}. */
  public static final class Provider implements StandaloneService.Provider {
    @Override
    public List<StandaloneService> services() {
      return List.of(
          new StandaloneService(
              "schema-registry",
              "the schema registry (RINGRIFT_REGISTRY_* variables, docs/cluster.md)",
              SchemaRegistryService::serve));
    }
  }

  /** Serves until the process is told to stop (SIGTERM). */
  private static void serve() {
    EmbeddedSchemaRegistry registry;
    try {
      RegistrySettings settings = settings(System.getenv(), ConfigSource.discover());
      if (!settings.authenticates()) {
        LOGGER.warn(
            "schema registry API is open: no RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE> is set, so no"
                + " basic auth");
      }
      registry = EmbeddedSchemaRegistry.start(settings);
      LOGGER.info(
          "schema registry serving at {} for roles {}, writes by {}, subject writers {}",
          registry.url(),
          settings.users().keySet(),
          settings.admins().isEmpty() ? "every user" : settings.admins(),
          settings.subjectWriters());
    } catch (RuntimeException e) {
      ServiceMain.exitOnStartFailure("schema-registry", e);
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
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
