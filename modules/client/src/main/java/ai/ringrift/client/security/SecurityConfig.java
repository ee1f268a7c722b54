package ai.ringrift.client.security;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may do what on the cluster: {@code config/security.yaml}, section {@code security}. Every
 * role is one SASL principal, {@code User:<role>}.
 *
 * @param mechanism the SASL mechanism clients log in with (SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN)
 * @param roles what each role may do, by role name, in file order
 */
public record SecurityConfig(String mechanism, Map<String, RoleAccess> roles) {
  /** The file this config lives in. */
  public static final String FILE = "security.yaml";

  /** Environment variable prefix of the roles' passwords, for {@code ringrift acls users}. */
  public static final String ENV_ROLE_TOKEN_PREFIX = "RINGRIFT_CLUSTER_AUTH_TOKEN_";

  private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

  public SecurityConfig {
    Check.notBlank("mechanism", mechanism);
    mechanism = mechanism.trim().toUpperCase(Locale.ROOT);
    Check.that(
        mechanism.equals("SCRAM-SHA-512")
            || mechanism.equals("SCRAM-SHA-256")
            || mechanism.equals("PLAIN"),
        "mechanism",
        "must be SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, was " + mechanism);
    Check.that(roles != null && !roles.isEmpty(), "roles", "must name at least one role");
    roles
        .keySet()
        .forEach(
            name ->
                Check.that(
                    ROLE_NAME.matcher(name).matches(),
                    "roles." + name,
                    "a role name is lower case letters, digits and '-', starting with a letter"));
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /** The config from {@code source}'s {@code security.yaml}. */
  public static SecurityConfig load(ConfigSource source) {
    return source.section(FILE, "security", SecurityConfig.class);
  }

  /** The role a principal ({@code User:selfplay} or {@code selfplay}) stands for, if any. */
  public Optional<RoleAccess> role(String principalOrName) {
    return Optional.ofNullable(roles.get(userName(principalOrName)));
  }

  /** The role named {@code name}; an unknown name is a {@link ConfigException} listing them. */
  public RoleAccess require(String name) {
    return role(name)
        .orElseThrow(
            () ->
                new ConfigException(
                    "role", "'" + name + "' is not a role of security.yaml " + roles.keySet()));
  }

  /** The Kafka principal of {@code role}: {@code User:<role>}. */
  public static String principal(String role) {
    return "User:" + role;
  }

  /** The environment variable holding the password of {@code role}. */
  public static String tokenVariable(String role) {
    return ENV_ROLE_TOKEN_PREFIX + role.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String userName(String principalOrName) {
    return principalOrName.startsWith("User:")
        ? principalOrName.substring("User:".length())
        : principalOrName;
  }
}
