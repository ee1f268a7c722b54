package ai.ringrift.client;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code sasl.jaas.config} line for a user and password, and which client settings are secrets.
 * Kafka parses the line with a {@code StreamTokenizer}, so a quote or backslash in a password is
 * escaped with a backslash.
 */
public final class SaslJaas {
  private static final Pattern USERNAME = Pattern.compile("username=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private SaslJaas() {}

  /**
   * The JAAS line logging in as {@code username} with {@code password} under {@code mechanism}
   * ({@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}).
   */
  public static String config(String mechanism, String username, String password) {
    String module =
        switch (mechanism.toUpperCase(Locale.ROOT)) {
          case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
          case "SCRAM-SHA-256", "SCRAM-SHA-512" ->
              "org.apache.kafka.common.security.scram.ScramLoginModule";
          default ->
              throw new IllegalArgumentException(
                  "sasl.mechanism "
                      + mechanism
                      + " has no user/password login here; use PLAIN, SCRAM-SHA-256 or"
                      + " SCRAM-SHA-512, or set sasl.jaas.config yourself");
        };
    return module
        + " required username=\""
        + escape(username)
        + "\" password=\""
        + escape(password)
        + "\";";
  }

  /** The user name of a JAAS line written by {@link #config}, or of a similar one. */
  public static Optional<String> username(String jaasConfig) {
    Matcher m = USERNAME.matcher(jaasConfig);
    return m.find() ? Optional.of(m.group(1).replaceAll("\\\\(.)", "$1")) : Optional.empty();
  }

  /** Whether the client setting {@code key} holds a secret that must never be logged. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.equals("sasl.jaas.config")
        || k.contains("password")
        || k.endsWith("user.info")
        || k.endsWith("auth.token");
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
