package ai.ringrift.http;

import ai.ringrift.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call an HTTP endpoint with basic auth, and in which roles: users given with their
 * passwords (the platform's SCRAM users, whose passwords this process knows) and users of password
 * files in the format of Jetty's {@code PropertyFileLoginModule}, which Confluent's registry reads
 * and {@code ringrift acls users --registry-password-file} writes ({@link UsersFile}). Files are
 * read again when they change, so a rotated password needs no restart.
 */
public final class HttpUsers {
  /** The role of every platform user (Jetty's role in the registry password file). */
  public static final String PLATFORM = "ringrift";

  /** The read-only role: may read {@code /metrics}, nothing else. */
  public static final String METRICS = "metrics";

  /** The role that may change what a server holds (schema registry writes). */
  public static final String ADMIN = "admin";

  /** One user's credential: a password, or Jetty's {@code MD5:<hex>} of it; and its roles. */
  record Credential(String secret, Set<String> roles) {
    Credential {
      roles = Set.copyOf(roles);
    }

    boolean matches(String password) {
      byte[] given;
      byte[] expected;
      if (secret.regionMatches(true, 0, "MD5:", 0, 4)) {
        given = md5(password).getBytes(StandardCharsets.US_ASCII);
        expected =
            secret.substring(4).trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      } else {
        given = password.getBytes(StandardCharsets.UTF_8);
        expected = secret.getBytes(StandardCharsets.UTF_8);
      }
      // constant time: how long the check takes says nothing about how much matched
      return MessageDigest.isEqual(given, expected);
    }
  }

  private final Map<String, Credential> fixed;
  private final List<UsersFile> files;

  private HttpUsers(Map<String, Credential> fixed, List<UsersFile> files) {
    this.fixed = Map.copyOf(fixed);
    this.files = List.copyOf(files);
  }

  /** Nobody: an endpoint with no users does not authenticate. */
  public static HttpUsers none() {
    return new HttpUsers(Map.of(), List.of());
  }

  /** {@code passwords} (user → password), each user in {@code roles}. */
  public static HttpUsers of(Map<String, String> passwords, String... roles) {
    Map<String, Credential> users = new LinkedHashMap<>();
    passwords.forEach(
        (user, password) -> {
          if (user == null || user.isBlank() || user.contains(":")) {
            throw new ConfigException("user", "'" + user + "' is not a user name (no ':')");
          }
          if (password == null || password.isEmpty()) {
            throw new ConfigException(user, "the user's password must not be empty");
          }
          users.put(user, new Credential(password, Set.of(roles)));
        });
    return new HttpUsers(users, List.of());
  }

  /** The users of a Jetty password file, read now (a missing file fails) and on every change. */
  public static HttpUsers file(Path file) {
    return new HttpUsers(Map.of(), List.of(UsersFile.open(file)));
  }

  /** These users and {@code other}'s; for a name in both, this one's credential is tried first. */
  public HttpUsers plus(HttpUsers other) {
    Map<String, Credential> users = new LinkedHashMap<>(other.fixed);
    users.putAll(fixed);
    List<UsersFile> all = new ArrayList<>(files);
    all.addAll(other.files);
    return new HttpUsers(users, all);
  }

  /** Whether there is nobody to authenticate (no user, no file). */
  public boolean isEmpty() {
    return fixed.isEmpty() && files.isEmpty();
  }

  /** The roles of {@code user} when {@code password} is theirs; empty when not. */
  public Optional<Set<String>> authenticate(String user, String password) {
    Credential own = fixed.get(user);
    if (own != null && own.matches(password)) {
      return Optional.of(own.roles());
    }
    for (UsersFile file : files) {
      Credential listed = file.users().get(user);
      if (listed != null && listed.matches(password)) {
        return Optional.of(listed.roles());
      }
    }
    return Optional.empty();
  }

  /** The names of the users given directly and in the files as last read; for logs. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(fixed.keySet());
    files.forEach(f -> names.addAll(f.users().keySet()));
    return names;
  }

  static String md5(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
