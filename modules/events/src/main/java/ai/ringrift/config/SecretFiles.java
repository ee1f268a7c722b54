package ai.ringrift.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets read from files instead of the environment, as Docker secrets mount them ({@code
 * /run/secrets/<name>}) and as the official images read {@code <NAME>_FILE}: for a secret variable
 * {@code RINGRIFT_X}, {@code RINGRIFT_X_FILE} names a file whose content (one trailing newline
 * dropped) is the value. A secret variable is one whose name says it holds a secret: it contains
 * {@code TOKEN}, {@code PASSWORD}, {@code USER_INFO} or {@code JAAS_CONFIG}. Other {@code _FILE}
 * variables (paths such as {@code RINGRIFT_HTTP_USERS_FILE}) are left alone.
 *
 * <pre>{@code
 * RINGRIFT_CLUSTER_AUTH_TOKEN_FILE=/run/secrets/selfplay-token   # instead of RINGRIFT_CLUSTER_AUTH_TOKEN
 * RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE=/run/secrets/truststore-password
 * }</pre>
 */
public final class SecretFiles {
  /** The suffix naming a secret's file. */
  public static final String SUFFIX = "_FILE";

  private static final String PREFIX = "RINGRIFT_";

  private SecretFiles() {}

  /**
   * {@code env} with every {@code RINGRIFT_<SECRET>_FILE} replaced by {@code RINGRIFT_<SECRET>}
   * holding the file's content. Setting both names is an error, as is a file that cannot be read;
   * both name the variable.
   */
  public static Map<String, String> resolve(Map<String, String> env) {
    Map<String, String> resolved = new TreeMap<>(env);
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (!isSecretFile(name)) {
        continue;
      }
      String secret = name.substring(0, name.length() - SUFFIX.length());
      if (env.containsKey(secret)) {
        throw new ConfigException(
            name, "set " + secret + " or " + name + ", not both (the file is the safer one)");
      }
      resolved.remove(name);
      resolved.put(secret, read(name, e.getValue()));
    }
    return resolved;
  }

  /** Whether {@code name} is {@code RINGRIFT_<SECRET>_FILE}. */
  public static boolean isSecretFile(String name) {
    return name.startsWith(PREFIX)
        && name.endsWith(SUFFIX)
        && isSecret(name.substring(0, name.length() - SUFFIX.length()));
  }

  /** Whether the variable {@code name} holds a secret (never to be logged). */
  public static boolean isSecret(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return n.contains("TOKEN")
        || n.contains("PASSWORD")
        || n.contains("USER_INFO")
        || n.contains("JAAS_CONFIG");
  }

  /** The content of the secret file {@code path}, named by variable {@code name} in errors. */
  public static String read(String name, String path) {
    if (path == null || path.isBlank()) {
      throw new ConfigException(name, "names no file");
    }
    String content;
    try {
      content = Files.readString(Path.of(path.trim()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(name, name + ": cannot read the secret file " + path + ": " + e, e);
    }
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }
}
