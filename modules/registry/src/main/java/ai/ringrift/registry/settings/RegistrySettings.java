package ai.ringrift.registry.settings;

import ai.ringrift.http.KeyStoreFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of an embedded schema registry.
 *
 * @param bootstrapServers the Kafka cluster that stores the schemas
 * @param clientProperties further Kafka client settings (security) for the registry's clients
 * @param topic the compacted topic that holds the schemas ({@code _schemas}, as Confluent's)
 * @param replicationFactor replication of {@code topic} when the registry creates it
 * @param host interface the HTTP API listens on
 * @param port HTTP port (0 = any free port)
 * @param timeout how long a request may wait for the store before it fails with 50002
 * @param users HTTP basic-auth users (name → password) allowed to call the API; empty: no
 *     authentication (as Confluent's default)
 * @param tls the key store to serve HTTPS with; empty: plain HTTP
 * @param admins the users who may change the registry (POST a new version, PUT config or mode,
 *     DELETE); the others may only read (GET, look a schema up, test compatibility). Empty: every
 *     authenticated user may write, as Confluent's registry with basic auth alone
 * @param subjectWriters users who are no admin but may write the subjects whose names start with
 *     their prefix (user → prefix): a Kafka Streams app registering the subjects of its own
 *     internal topics ({@code <application.id>-...}), as Confluent's ACLs grant a subject prefix
 * @param usersFile a password file in Jetty's format ({@code user: MD5:<hex>,role}, what {@code
 *     ringrift acls users --registry-password-file} writes) whose users may call the API too, read
 *     again when it changes, so a rotated password needs no restart
 */
public record RegistrySettings(
    String bootstrapServers,
    Map<String, String> clientProperties,
    String topic,
    short replicationFactor,
    String host,
    int port,
    Duration timeout,
    Map<String, String> users,
    Optional<KeyStoreFile> tls,
    Set<String> admins,
    Map<String, String> subjectWriters,
    Optional<Path> usersFile) {
  /** Confluent's default topic name, so its server can read what ours wrote. */
  public static final String DEFAULT_TOPIC = "_schemas";

  /** Confluent's default port. */
  public static final int DEFAULT_PORT = 8081;

  public RegistrySettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("registry bootstrapServers must not be blank");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("registry topic must not be blank");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "registry replicationFactor must be at least 1, was " + replicationFactor);
    }
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("registry port must be 0..65535, was " + port);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("registry timeout must be positive, was " + timeout);
    }
    clientProperties = Map.copyOf(clientProperties);
    users = Map.copyOf(users);
    Objects.requireNonNull(tls, "tls");
    admins = Set.copyOf(admins);
    subjectWriters = Map.copyOf(subjectWriters);
    for (Map.Entry<String, String> writer : subjectWriters.entrySet()) {
      if ((usersFile.isEmpty() && !users.containsKey(writer.getKey()))
          || writer.getValue().isBlank()) {
        throw new IllegalArgumentException(
            "registry subject writer '"
                + writer.getKey()
                + "' needs to be a basic-auth user and a subject prefix, was '"
                + writer.getValue()
                + "'");
      }
    }
    Objects.requireNonNull(usersFile, "usersFile");
    if (!admins.isEmpty() && users.isEmpty() && usersFile.isEmpty()) {
      throw new IllegalArgumentException(
          "registry admins " + admins + " need basic auth: name the users and their passwords");
    }
    users.forEach(
        (user, password) -> {
          if (user.isBlank() || user.contains(":") || password.isEmpty()) {
            throw new IllegalArgumentException(
                "registry basic-auth user '" + user + "' needs a name without ':' and a password");
          }
        });
  }

  /** Defaults: {@code _schemas} with replication 1, any free port on localhost, 30 s timeout. */
  public static RegistrySettings of(String bootstrapServers) {
    return new RegistrySettings(
        bootstrapServers,
        Map.of(),
        DEFAULT_TOPIC,
        (short) 1,
        "localhost",
        0,
        Duration.ofSeconds(30),
        Map.of(),
        Optional.empty(),
        Set.of(),
        Map.of(),
        Optional.empty());
  }

  /** A copy listening on {@code port}. */
  public RegistrySettings withPort(int port) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /** A copy listening on interface {@code host} ({@code 0.0.0.0} for every interface). */
  public RegistrySettings withHost(String host) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /** A copy that creates its topic with {@code replication} replicas. */
  public RegistrySettings withReplicationFactor(int replication) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        (short) replication,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /** A copy using {@code topic} instead of {@code _schemas}. */
  public RegistrySettings withTopic(String topic) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /** A copy whose Kafka clients use these further settings (SASL credentials, say). */
  public RegistrySettings withClientProperties(Map<String, String> properties) {
    return new RegistrySettings(
        bootstrapServers,
        properties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /**
   * A copy that answers only requests with HTTP basic auth of one of {@code users} (name →
   * password), and 401 to any other.
   */
  public RegistrySettings withBasicAuth(Map<String, String> users) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /** A copy serving HTTPS with the key and certificate chain of {@code keyStore}. */
  public RegistrySettings withTls(KeyStoreFile keyStore) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        Optional.of(keyStore),
        admins,
        subjectWriters,
        usersFile);
  }

  /**
   * A copy where only {@code admins} (users of {@link #withBasicAuth}) may change schemas, config
   * and modes; the other users may read. A refused write gets 403 with error code 40301, as
   * Confluent's security plugin answers.
   */
  public RegistrySettings withAdmins(Set<String> admins) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        usersFile);
  }

  /**
   * A copy where each of {@code writers} (user → subject prefix), besides the admins, may change
   * the subjects whose names start with its prefix, and nothing else.
   */
  public RegistrySettings withSubjectWriters(Map<String, String> writers) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        writers,
        usersFile);
  }

  /** A copy whose users also include those of the password file {@code file} (see the record). */
  public RegistrySettings withUsersFile(Path file) {
    return new RegistrySettings(
        bootstrapServers,
        clientProperties,
        topic,
        replicationFactor,
        host,
        port,
        timeout,
        users,
        tls,
        admins,
        subjectWriters,
        Optional.of(file));
  }

  /** Whether requests must authenticate: there are users, given or in a file. */
  public boolean authenticates() {
    return !users.isEmpty() || usersFile.isPresent();
  }

  /** The settings with the users' passwords and secret client settings hidden. */
  @Override
  public String toString() {
    return "RegistrySettings[bootstrapServers="
        + bootstrapServers
        + ", topic="
        + topic
        + ", host="
        + host
        + ", port="
        + port
        + ", users="
        + users.keySet()
        + ", admins="
        + admins
        + ", subjectWriters="
        + subjectWriters
        + ", usersFile="
        + usersFile.map(Object::toString).orElse("none")
        + ", tls="
        + tls.map(KeyStoreFile::location).map(Object::toString).orElse("none")
        + ", clientProperties="
        + clientProperties.keySet()
        + "]";
  }
}
