package ai.ringrift.registry.internal;

import ai.ringrift.http.BasicAuthFilter;
import ai.ringrift.http.HttpUsers;
import ai.ringrift.registry.settings.RegistrySettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the registry: with users, every request needs HTTP basic auth (Confluent's registry
 * with {@code authentication.method=BASIC} wants it for reads too); with admins, a write needs one
 * of them, as Confluent's security plugin's {@code SUBJECT_WRITE}/{@code SUBJECT_DELETE}/config
 * operations do, while lookups and compatibility tests (POSTs that change nothing) stay reads. A
 * subject writer may also change the subjects under its prefix (a subject-prefix grant).
 */
final class RegistryAccess {
  static final int UNAUTHORIZED = 40101;
  static final int FORBIDDEN = 40301;

  private RegistryAccess() {}

  /** The filter for {@code settings}, when it has users. */
  static Optional<BasicAuthFilter> filter(RegistrySettings settings) {
    if (!settings.authenticates()) {
      return Optional.empty();
    }
    HttpUsers given = HttpUsers.of(settings.users(), HttpUsers.PLATFORM);
    HttpUsers users = settings.usersFile().map(f -> given.plus(HttpUsers.file(f))).orElse(given);
    Set<String> admins = settings.admins();
    Map<String, String> writers = settings.subjectWriters();
    return Optional.of(
        new BasicAuthFilter(
            "SchemaRegistry",
            users,
            (exchange, user, roles) -> {
              String method = exchange.getRequestMethod();
              String path = exchange.getRequestURI().getPath();
              if (admins.isEmpty()
                  || admins.contains(user)
                  || !isWrite(method, path)
                  || isUnder(path, writers.get(user))) {
                return Optional.empty();
              }
              return Optional.of(
                  "User "
                      + user
                      + " is denied operation "
                      + method
                      + " on "
                      + path
                      + ": registry writes need an admin user "
                      + admins
                      + (writers.containsKey(user)
                          ? " (" + user + " may write subjects " + writers.get(user) + "*)"
                          : ""));
            },
            RegistryAccess::answer));
  }

  /** Whether {@code method path} changes what the registry holds. */
  static boolean isWrite(String method, String path) {
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD", "OPTIONS" -> false;
      case "POST" ->
          !(segments.isEmpty() // Confluent's root answers {} to POST
              || segments.get(0).equals("compatibility") // a test, stores nothing
              || (segments.size() == 2 && segments.get(0).equals("subjects"))); // lookup
      default -> true;
    };
  }

  /** Whether {@code path} is about one subject whose name starts with {@code prefix}. */
  static boolean isUnder(String path, String prefix) {
    if (prefix == null) {
      return false;
    }
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    return segments.size() >= 2
        && segments.get(0).equals("subjects")
        && segments.get(1).startsWith(prefix);
  }

  private static String[] answer(int status, String message) {
    ObjectNode error = StoreRecords.JSON.createObjectNode();
    error.put("error_code", status == 401 ? UNAUTHORIZED : FORBIDDEN);
    error.put("message", message);
    try {
      return new String[] {RestApi.CONTENT_TYPE, StoreRecords.JSON.writeValueAsString(error)};
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
