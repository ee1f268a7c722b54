package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.SecretFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The SCRAM credentials of the roles' principals: one upsert per role, its password from {@code
 * $RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>} (or the file {@code
 * $RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>_FILE} names) or from a properties file ({@code
 * <role>=<password>}), never from the repository.
 */
final class ScramUsers {
  /** Hash iterations: Kafka's minimum for SCRAM is 4096; 8192 costs a login ~ms, not more. */
  static final int ITERATIONS = 8192;

  private ScramUsers() {}

  /** Where the passwords come from: the file when given, else the environment. */
  static Function<String, Optional<String>> passwords(Path file, Map<String, String> env) {
    if (file == null) {
      Map<String, String> resolved = SecretFiles.resolve(env);
      return role -> Optional.ofNullable(resolved.get(SecurityConfig.tokenVariable(role)));
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new CliException("cannot read the password file " + file + ": " + e.getMessage(), e);
    }
    return role -> Optional.ofNullable(props.getProperty(role));
  }

  /**
   * The password of each of {@code roles}, in order; a role without one fails, naming where it was
   * looked for.
   */
  static Map<String, String> require(
      SecurityConfig config,
      List<String> roles,
      Function<String, Optional<String>> passwords,
      String source) {
    Map<String, String> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String role : roles) {
      config.require(role);
      Optional<String> password = passwords.apply(role).filter(p -> !p.isEmpty());
      if (password.isPresent()) {
        found.put(role, password.get());
      } else {
        missing.add(source.equals("env") ? SecurityConfig.tokenVariable(role) : role);
      }
    }
    if (!missing.isEmpty()) {
      throw new CliException(
          (source.equals("env")
                  ? "no password in " + String.join(", ", missing)
                  : "no password for " + String.join(", ", missing) + " in " + source)
              + "; set it (or pass --passwords FILE with <role>=<password> lines), or pick roles"
              + " with --role");
    }
    return found;
  }

  /** One SCRAM upsert per user, under the config's mechanism. */
  static List<UserScramCredentialAlteration> upserts(
      SecurityConfig config, Map<String, String> passwords) {
    ScramMechanism mechanism = mechanism(config);
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    passwords.forEach(
        (user, password) ->
            upserts.add(
                new UserScramCredentialUpsertion(
                    user, new ScramCredentialInfo(mechanism, ITERATIONS), password)));
    return upserts;
  }

  static ScramMechanism mechanism(SecurityConfig config) {
    ScramMechanism mechanism = ScramMechanism.fromMechanismName(config.mechanism());
    if (mechanism == ScramMechanism.UNKNOWN) {
      throw new CliException(
          "security.yaml's mechanism is "
              + config.mechanism()
              + ": its users live in the brokers' JAAS files, not in the cluster; nothing to set");
    }
    return mechanism;
  }
}
