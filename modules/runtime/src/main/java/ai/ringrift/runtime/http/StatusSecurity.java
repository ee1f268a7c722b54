package ai.ringrift.runtime.http;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.SecretFiles;
import ai.ringrift.http.HttpUsers;
import ai.ringrift.http.KeyStoreFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the status endpoint protects itself: HTTPS from a key store, and basic auth when there is
 * anybody to authenticate. From the environment ({@link #fromEnvironment}):
 *
 * <ul>
 *   <li>{@code RINGRIFT_HTTP_SSL_KEYSTORE_LOCATION}, {@code RINGRIFT_HTTP_SSL_KEYSTORE_PASSWORD}
 *       (or {@code _PASSWORD_FILE}), {@code RINGRIFT_HTTP_SSL_KEYSTORE_TYPE} (default PKCS12):
 *       serve HTTPS;
 *   <li>users in role {@value HttpUsers#PLATFORM} (status, metrics, every mounted path): the
 *       service's own SASL user ({@code RINGRIFT_KAFKA_USERNAME} with {@code
 *       RINGRIFT_CLUSTER_AUTH_TOKEN}) and every role whose {@code
 *       RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>} is set, so the cluster's SCRAM users log in with the
 *       same passwords;
 *   <li>{@code RINGRIFT_HTTP_USERS_FILE}: one or more (comma-separated) password files in Jetty's
 *       format ({@code user: password-or-MD5:hex,role}), re-read when they change; role {@value
 *       HttpUsers#METRICS} reads {@code /metrics} only.
 * </ul>
 *
 * Security is on as soon as there is a user: a service that logs in to Kafka with SASL always
 * protects its endpoint. {@code ringrift up} on loopback without SASL stays open.
 *
 * @param tls the key store to serve HTTPS with; empty: plain HTTP
 * @param users who may call; none: no authentication
 */
public record StatusSecurity(Optional<KeyStoreFile> tls, HttpUsers users) {
  /** Prefix of the key store variables. */
  public static final String ENV_KEYSTORE = "RINGRIFT_HTTP_SSL_KEYSTORE";

  /** Environment variable naming the password files. */
  public static final String ENV_USERS_FILE = "RINGRIFT_HTTP_USERS_FILE";

  public StatusSecurity {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(users, "users");
  }

  /** Plain HTTP, no authentication. */
  public static StatusSecurity open() {
    return new StatusSecurity(Optional.empty(), HttpUsers.none());
  }

  /** Whether requests must authenticate. */
  public boolean authenticates() {
    return !users.isEmpty();
  }

  /** The settings from {@code env} (see the class comment); secret files are read here. */
  public static StatusSecurity fromEnvironment(Map<String, String> env) {
    Map<String, String> resolved = SecretFiles.resolve(env);
    Map<String, String> platform = new TreeMap<>();
    resolved.forEach(
        (name, value) -> {
          if (name.startsWith(SecurityConfig.ENV_ROLE_TOKEN_PREFIX) && !value.isEmpty()) {
            platform.put(
                name.substring(SecurityConfig.ENV_ROLE_TOKEN_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '-'),
                value);
          }
        });
    String own = resolved.get(KafkaSettings.ENV_USERNAME);
    String token = resolved.get(KafkaSettings.ENV_AUTH_TOKEN);
    if (own != null && !own.isBlank() && token != null && !token.isEmpty()) {
      platform.put(own.trim(), token);
    }
    HttpUsers users = HttpUsers.of(platform, HttpUsers.PLATFORM);
    String files = resolved.get(ENV_USERS_FILE);
    if (files != null && !files.isBlank()) {
      for (String file : Arrays.stream(files.split(",")).map(String::trim).toList()) {
        if (!file.isEmpty()) {
          users = users.plus(HttpUsers.file(Path.of(file)));
        }
      }
    }
    return new StatusSecurity(KeyStoreFile.fromEnvironment(resolved, ENV_KEYSTORE), users);
  }
}
